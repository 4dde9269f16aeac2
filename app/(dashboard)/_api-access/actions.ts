"use server";

import { memberAction, type ActionContext } from "@/lib/auth/member-action";
import * as apiUsers from "@/lib/api-users/changes";
import * as rules from "@/lib/api-users/rules";

// Revoke, revoke all, disable, deactivate, delete and an immediate rotation need sudo mode
// (the member's password within 10 minutes: lib/auth/sudo.ts), checked here by memberAction.
//
// The server actions of both API Access places (Settings → API and a customer's page), in
// this private folder (no route) because both pages use them. Each form names its scope
// ("" = tenant-wide users, else the customer id); the tenant always comes from the
// session, and lib/api-users keeps both in every query.

function who(ctx: ActionContext<{ scope: string | null }>) {
  return {
    scope: rules.scopeOf(ctx.member.tenantId, ctx.input),
    actor: { memberId: ctx.member.id, email: ctx.member.email, ip: ctx.ip },
  };
}

/**
 * Where a change to a scope's API users shows: the scope's own page, the overview (its
 * figures and recent activity) and the activity log, since every change is logged.
 */
function shownOn({ scope }: { scope: string | null }): string[] {
  return [scope ? `/customers/${encodeURIComponent(scope)}` : "/settings/api", "/", "/activity"];
}

/** Adding or deleting a customer's user also changes the customer list's user count. */
function countedOn(input: { scope: string | null }): string[] {
  return input.scope ? [...shownOn(input), "/customers"] : shownOn(input);
}

export const createApiUser = memberAction(
  { ability: "credentials", schema: rules.CreateApiUserInput, revalidate: countedOn },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.createApiUser(scope, actor, ctx.input);
  },
);

export const issueToken = memberAction({ ability: "credentials", schema: rules.IssueTokenInput, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.issueToken(scope, actor, ctx.input);
});

// Rotating with "Immediately" cuts the old token off like a revoke: sudo mode then.
export const rotateToken = memberAction(
  { ability: "credentials", schema: rules.RotateTokenInput, revalidate: shownOn, sudo: (input) => input.overlap === "now" },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.rotateToken(scope, actor, ctx.input);
  },
);

export const revokeToken = memberAction(
  { ability: "credentials", schema: rules.TokenRef, revalidate: shownOn, sudo: true },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.revokeToken(scope, actor, ctx.input);
  },
);

export const disableToken = memberAction(
  { ability: "credentials", schema: rules.TokenRef, revalidate: shownOn, sudo: true },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.disableToken(scope, actor, ctx.input);
  },
);

export const enableToken = memberAction({ ability: "credentials", schema: rules.TokenRef, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.enableToken(scope, actor, ctx.input);
});

export const renameToken = memberAction({ ability: "credentials", schema: rules.RenameTokenInput, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.renameToken(scope, actor, ctx.input);
});

export const revokeAllTokens = memberAction(
  { ability: "credentials", schema: rules.ApiUserRef, revalidate: shownOn, sudo: true },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.revokeAllTokens(scope, actor, ctx.input);
  },
);

export const updatePermissions = memberAction(
  { ability: "credentials", schema: rules.UpdatePermissionsInput, revalidate: shownOn },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.updatePermissions(scope, actor, ctx.input);
  },
);

export const updateRateLimit = memberAction(
  { ability: "credentials", schema: rules.UpdateRateLimitInput, revalidate: shownOn },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.updateRateLimit(scope, actor, ctx.input);
  },
);

export const updateIpAllowlist = memberAction(
  {
    ability: "credentials",
    schema: rules.UpdateIpAllowlistInput,
    revalidate: (input) => [...shownOn(input), `/api-users/${encodeURIComponent(input.apiUserId)}`],
  },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.updateIpAllowlist(scope, actor, ctx.input);
  },
);

export const deactivateApiUser = memberAction(
  { ability: "credentials", schema: rules.ApiUserRef, revalidate: shownOn, sudo: true },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.deactivateApiUser(scope, actor, ctx.input);
  },
);

export const activateApiUser = memberAction({ ability: "credentials", schema: rules.ApiUserRef, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.activateApiUser(scope, actor, ctx.input);
});

export const deleteApiUser = memberAction(
  { ability: "credentials", schema: rules.ApiUserRef, revalidate: countedOn, sudo: true },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    return apiUsers.deleteApiUser(scope, actor, ctx.input);
  },
);

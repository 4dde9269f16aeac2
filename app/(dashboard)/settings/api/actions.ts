"use server";

import { memberAction, type ActionContext } from "@/lib/auth/member-action";
import * as apiUsers from "@/lib/api-users/changes";
import * as rules from "@/lib/api-users/rules";

// The server actions of both API Access places (Settings → API and a customer's page).
// Each form names its scope ("" = tenant-wide users, else the customer id); the tenant
// always comes from the session, and lib/api-users keeps both in every query.

function who(ctx: ActionContext<{ scope: string | null }>) {
  return {
    scope: rules.scopeOf(ctx.member.tenantId, ctx.input),
    actor: { memberId: ctx.member.id, email: ctx.member.email, ip: ctx.ip },
  };
}

export const createApiUser = memberAction({ ability: "credentials", schema: rules.CreateApiUserInput }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.createApiUser(scope, actor, ctx.input);
});

export const issueToken = memberAction({ ability: "credentials", schema: rules.IssueTokenInput }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.issueToken(scope, actor, ctx.input);
});

export const rotateToken = memberAction({ ability: "credentials", schema: rules.RotateTokenInput }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.rotateToken(scope, actor, ctx.input);
});

export const revokeToken = memberAction({ ability: "credentials", schema: rules.TokenRef }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.revokeToken(scope, actor, ctx.input);
});

export const revokeAllTokens = memberAction({ ability: "credentials", schema: rules.ApiUserRef }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.revokeAllTokens(scope, actor, ctx.input);
});

export const updatePermissions = memberAction({ ability: "credentials", schema: rules.UpdatePermissionsInput }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.updatePermissions(scope, actor, ctx.input);
});

export const updateRateLimit = memberAction({ ability: "credentials", schema: rules.UpdateRateLimitInput }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.updateRateLimit(scope, actor, ctx.input);
});

export const deactivateApiUser = memberAction({ ability: "credentials", schema: rules.ApiUserRef }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.deactivateApiUser(scope, actor, ctx.input);
});

export const activateApiUser = memberAction({ ability: "credentials", schema: rules.ApiUserRef }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.activateApiUser(scope, actor, ctx.input);
});

export const deleteApiUser = memberAction({ ability: "credentials", schema: rules.DeleteApiUserInput }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return apiUsers.deleteApiUser(scope, actor, ctx.input);
});

import "server-only";
import type { Environment, Prisma } from "@prisma/client";
import type { z } from "zod";
import { activityData } from "@/lib/activity/events";
import { hashPassword } from "@/lib/auth/passwords";
import { credentialsChanged } from "@/lib/credentials/events";
import type { Permission } from "@/lib/credentials/permissions";
import { issueTokenSecret } from "@/lib/credentials/tokens";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { DEFAULT_RATE_LIMIT } from "@/lib/rate-limit/window";
import { AppError, notFound, validationFailed } from "@/lib/server/errors";
import {
  OVERLAPS,
  tokenStatus,
  type Actor,
  type ApiAccessScope,
  type ApiUserRef,
  type CreateApiUserInput,
  type IssuedToken,
  type IssueTokenInput,
  type RenameTokenInput,
  type RotateTokenInput,
  type TokenRef,
  type UpdatePermissionsInput,
  type UpdateIpAllowlistInput,
  type UpdateRateLimitInput,
} from "./rules";
import { parseAllowlist } from "./ip-allowlist";

/**
 * API users and their tokens, as the dashboard manages them. Every function takes the
 * member's scope first and keeps it in every WHERE: an id of another tenant (or, on a
 * customer's page, of another customer) is the same miss as an id that does not exist.
 * Every change writes one activity event in its transaction and, once committed, tells
 * the API's token cache (credentialsChanged).
 */

type Tx = Prisma.TransactionClient;

function userWhere(scope: ApiAccessScope, id: string): Prisma.ApiUserWhereInput {
  return { id, tenantId: scope.tenantId, customerId: scope.customerId, deletedAt: null };
}

async function findUser(tx: Tx, scope: ApiAccessScope, id: string) {
  const user = await tx.apiUser.findFirst({ where: userWhere(scope, id) });
  if (!user) throw notFound("No such API user.");
  return user;
}

async function findToken(tx: Tx, scope: ApiAccessScope, id: string) {
  const token = await tx.apiToken.findFirst({
    where: { id, tenantId: scope.tenantId, apiUser: { tenantId: scope.tenantId, customerId: scope.customerId, deletedAt: null } },
    include: { apiUser: { select: { id: true, username: true, customerId: true, active: true } } },
  });
  if (!token) throw notFound("No such token.");
  return token;
}

function event(
  scope: ApiAccessScope,
  actor: Actor,
  user: { id: string; customerId: string | null },
  action: string,
  details: Prisma.InputJsonObject,
  apiTokenId?: string,
) {
  return activityData({
    tenantId: scope.tenantId,
    customerId: user.customerId,
    apiUserId: user.id,
    apiTokenId: apiTokenId ?? null,
    actor: actor.email,
    action,
    ip: actor.ip,
    details,
  });
}

async function transaction<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await db();
  return prisma.$transaction(run);
}

export async function createApiUser(scope: ApiAccessScope, actor: Actor, input: z.output<typeof CreateApiUserInput>) {
  const passwordHash = await hashPassword(input.password);
  const secret = issueTokenSecret(input.environment);
  try {
    const user = await transaction(async (tx) => {
      if (scope.customerId) {
        const customer = await tx.customer.findFirst({ where: { id: scope.customerId, tenantId: scope.tenantId }, select: { id: true } });
        if (!customer) throw notFound("No such customer.");
      }
      const user = await tx.apiUser.create({
        data: {
          tenantId: scope.tenantId,
          customerId: scope.customerId,
          username: input.username,
          usernameLower: input.username.toLowerCase(),
          passwordHash,
          email: input.email,
          permissions: input.permissions,
        },
      });
      const token = await tx.apiToken.create({
        data: {
          tenantId: scope.tenantId,
          apiUserId: user.id,
          name: input.tokenName,
          tokenHash: secret.tokenHash,
          hint: secret.hint,
          environment: input.environment,
          expiresAt: input.expiresAt,
        },
      });
      await tx.activityEvent.createMany({
        data: [
          event(scope, actor, user, "api_user.create", { username: user.username, email: user.email, permissions: input.permissions }),
          event(
            scope,
            actor,
            user,
            "token.issue",
            { username: user.username, name: input.tokenName, hint: secret.hint, environment: input.environment, ...expiryDetail(input) },
            token.id,
          ),
        ],
      });
      return user;
    });
    return { apiUserId: user.id, username: user.username, ...issued(secret, input.environment, input.expiresAt) };
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed({ username: ["That username is taken."] });
    throw error;
  }
}

/** The chosen expiry in a token's activity event: when it stops, or null for never. */
function expiryDetail(input: { expiresAt: Date | null }) {
  return { expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null };
}

function issued(secret: ReturnType<typeof issueTokenSecret>, environment: Environment, expiresAt: Date | null): IssuedToken {
  return { token: secret.token, hint: secret.hint, environment, expiresAt };
}

export async function issueToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof IssueTokenInput>): Promise<IssuedToken> {
  const secret = issueTokenSecret(input.environment);
  const user = await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    if (!user.active) throw new AppError("api_user_not_active", "Activate this API user before issuing a token.");
    const token = await tx.apiToken.create({
      data: {
        tenantId: scope.tenantId,
        apiUserId: user.id,
        name: input.name,
        tokenHash: secret.tokenHash,
        hint: secret.hint,
        environment: input.environment,
        expiresAt: input.expiresAt,
      },
    });
    await tx.activityEvent.create({
      data: event(
        scope,
        actor,
        user,
        "token.issue",
        { username: user.username, name: input.name, hint: secret.hint, environment: input.environment, ...expiryDetail(input) },
        token.id,
      ),
    });
    return user;
  });
  await credentialsChanged(user.id);
  return issued(secret, input.environment, input.expiresAt);
}

/**
 * A new token in place of an old one, same name and environment. The old token stops now
 * (revoked) or at the end of the overlap (expiresAt), so an integration can switch over.
 */
export async function rotateToken(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof RotateTokenInput>,
  now = new Date(),
): Promise<IssuedToken> {
  const { apiUserId, result } = await transaction(async (tx) => {
    const old = await findToken(tx, scope, input.tokenId);
    if (!old.apiUser.active) throw new AppError("api_user_not_active", "Activate this API user before rotating its tokens.");
    const status = tokenStatus(old, now).kind;
    if (status === "revoked" || status === "expired") throw new AppError("token_not_active");
    const secret = issueTokenSecret(old.environment);
    const ms = OVERLAPS[input.overlap].ms;
    const stopsAt = new Date(now.getTime() + ms);
    await tx.apiToken.update({
      where: { id: old.id },
      // An overlap never lengthens a deadline the old token already had.
      data: ms === 0 ? { revokedAt: now } : { expiresAt: old.expiresAt && old.expiresAt < stopsAt ? old.expiresAt : stopsAt },
    });
    const token = await tx.apiToken.create({
      data: {
        tenantId: scope.tenantId,
        apiUserId: old.apiUserId,
        name: old.name,
        tokenHash: secret.tokenHash,
        hint: secret.hint,
        environment: old.environment,
        expiresAt: input.expiresAt,
      },
    });
    await tx.activityEvent.create({
      data: event(
        scope,
        actor,
        old.apiUser,
        "token.rotate",
        {
          username: old.apiUser.username,
          oldHint: old.hint,
          hint: secret.hint,
          environment: old.environment,
          overlap: input.overlap,
          ...expiryDetail(input),
        },
        token.id,
      ),
    });
    return { apiUserId: old.apiUserId, result: issued(secret, old.environment, input.expiresAt) };
  });
  await credentialsChanged(apiUserId);
  return result;
}

export async function revokeToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof TokenRef>, now = new Date()): Promise<void> {
  const userId = await transaction(async (tx) => {
    const token = await findToken(tx, scope, input.tokenId);
    if (token.revokedAt) throw new AppError("token_revoked");
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
    await tx.activityEvent.create({
      data: event(
        scope,
        actor,
        token.apiUser,
        "token.revoke",
        { username: token.apiUser.username, hint: token.hint, environment: token.environment },
        token.id,
      ),
    });
    return token.apiUserId;
  });
  await credentialsChanged(userId);
}

/**
 * Disabled: the same string is refused with 403 token_disabled from its very next request
 * until it is enabled again. Only a token that still works (or would, were its user
 * active) can be disabled; a revoked or expired one is gone for good.
 */
export async function disableToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof TokenRef>, now = new Date()): Promise<void> {
  const userId = await transaction(async (tx) => {
    const token = await findToken(tx, scope, input.tokenId);
    const status = tokenStatus(token, now).kind;
    if (status === "revoked" || status === "expired") throw new AppError("token_not_active");
    if (status === "disabled") throw new AppError("token_already_disabled");
    await tx.apiToken.update({ where: { id: token.id }, data: { disabledAt: now } });
    await tx.activityEvent.create({
      data: event(scope, actor, token.apiUser, "token.disable", tokenDetails(token), token.id),
    });
    return token.apiUserId;
  });
  await credentialsChanged(userId);
}

export async function enableToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof TokenRef>, now = new Date()): Promise<void> {
  const userId = await transaction(async (tx) => {
    const token = await findToken(tx, scope, input.tokenId);
    const status = tokenStatus(token, now).kind;
    if (status === "revoked" || status === "expired") throw new AppError("token_not_active");
    if (status !== "disabled") throw new AppError("token_not_disabled");
    await tx.apiToken.update({ where: { id: token.id }, data: { disabledAt: null } });
    await tx.activityEvent.create({
      data: event(scope, actor, token.apiUser, "token.enable", tokenDetails(token), token.id),
    });
    return token.apiUserId;
  });
  await credentialsChanged(userId);
}

/** A new name (or none) for any token, revoked ones included: it is only a label for people. */
export async function renameToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof RenameTokenInput>): Promise<void> {
  await transaction(async (tx) => {
    const token = await findToken(tx, scope, input.tokenId);
    await tx.apiToken.update({ where: { id: token.id }, data: { name: input.name } });
    await tx.activityEvent.create({
      data: event(scope, actor, token.apiUser, "token.rename", { ...tokenDetails(token), before: token.name, name: input.name }, token.id),
    });
  });
}

function tokenDetails(token: { apiUser: { username: string }; name: string | null; hint: string; environment: Environment }) {
  return { username: token.apiUser.username, name: token.name, hint: token.hint, environment: token.environment };
}

async function revokeAll(tx: Tx, apiUserId: string, now: Date): Promise<number> {
  const { count } = await tx.apiToken.updateMany({ where: { apiUserId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

export async function revokeAllTokens(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof ApiUserRef>,
  now = new Date(),
): Promise<{ revoked: number }> {
  const revoked = await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    const count = await revokeAll(tx, user.id, now);
    await tx.activityEvent.create({ data: event(scope, actor, user, "token.revoke", { username: user.username, all: true, count }) });
    return count;
  });
  await credentialsChanged(input.apiUserId);
  return { revoked };
}

export async function updatePermissions(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof UpdatePermissionsInput>,
): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    const permissions: Permission[] = [...new Set(input.permissions)];
    await tx.apiUser.update({ where: { id: user.id }, data: { permissions } });
    await tx.activityEvent.create({
      data: event(scope, actor, user, "permissions.update", { username: user.username, before: user.permissions, permissions }),
    });
  });
  await credentialsChanged(input.apiUserId);
}

export async function updateRateLimit(scope: ApiAccessScope, actor: Actor, input: z.output<typeof UpdateRateLimitInput>): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    await tx.apiUser.update({ where: { id: user.id }, data: { rateLimit: input.rateLimit } });
    await tx.activityEvent.create({
      data: event(scope, actor, user, "rate_limit.update", {
        username: user.username,
        before: user.rateLimit ?? `${DEFAULT_RATE_LIMIT} (default)`,
        rateLimit: input.rateLimit ?? `${DEFAULT_RATE_LIMIT} (default)`,
      }),
    });
  });
  await credentialsChanged(input.apiUserId);
}

/**
 * The addresses its tokens may be used from (empty: any). A bad entry is refused beside the
 * field and nothing changes; the next API request already follows the new list.
 */
export async function updateIpAllowlist(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof UpdateIpAllowlistInput>,
): Promise<{ entries: string[] }> {
  const parsed = parseAllowlist(input.ipAllowlist);
  if ("error" in parsed) throw validationFailed({ ipAllowlist: [parsed.error] });
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    await tx.apiUser.update({ where: { id: user.id }, data: { ipAllowlist: parsed.entries } });
    await tx.activityEvent.create({
      data: event(scope, actor, user, "ip_allowlist.update", {
        username: user.username,
        before: user.ipAllowlist,
        ipAllowlist: parsed.entries,
      }),
    });
  });
  await credentialsChanged(input.apiUserId);
  return { entries: parsed.entries };
}

/**
 * Inactive: the API refuses every token of this user with 403 `api_user_inactive` (the
 * pipeline checks the user before anything else it may tell), so an integrator learns
 * why its calls fail. The tokens are not revoked here, or the pipeline could only say
 * 401 `invalid_token`; activation revokes them instead.
 */
export async function deactivateApiUser(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof ApiUserRef>,
  now = new Date(),
): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    if (!user.active) throw new AppError("api_user_already_inactive");
    await tx.apiUser.update({ where: { id: user.id }, data: { active: false } });
    const refusedTokens = await tx.apiToken.count({ where: liveTokens(user.id, now) });
    await tx.activityEvent.create({ data: event(scope, actor, user, "api_user.deactivate", { username: user.username, refusedTokens }) });
  });
  await credentialsChanged(input.apiUserId);
}

/**
 * Active again, but none of the tokens it had before: each one still live is revoked in
 * the same transaction, so a token that leaked while the user was off never comes back.
 * It needs a new token (dashboard or `POST /v1/auth/token`).
 */
export async function activateApiUser(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof ApiUserRef>,
  now = new Date(),
): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    if (user.active) throw new AppError("api_user_already_active");
    await tx.apiUser.update({ where: { id: user.id }, data: { active: true } });
    const { count: revokedTokens } = await tx.apiToken.updateMany({ where: liveTokens(user.id, now), data: { revokedAt: now } });
    await tx.activityEvent.create({ data: event(scope, actor, user, "api_user.activate", { username: user.username, revokedTokens }) });
  });
  await credentialsChanged(input.apiUserId);
}

/** Tokens that would work if their user were active: not revoked, not past their expiry. */
function liveTokens(apiUserId: string, now: Date): Prisma.ApiTokenWhereInput {
  return { apiUserId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/**
 * Soft delete (the server action asks for sudo mode first: lib/auth/sudo.ts). The user keeps its rows (for
 * the activity log) but loses every token, and its username is freed for a new user:
 * `usernameLower` gets a prefix no username can have (":" is not allowed in one).
 */
export async function deleteApiUser(
  scope: ApiAccessScope,
  actor: Actor,
  input: z.output<typeof ApiUserRef>,
  now = new Date(),
): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    await tx.apiUser.update({
      where: { id: user.id },
      data: { deletedAt: now, active: false, usernameLower: `deleted:${user.id}:${user.usernameLower}` },
    });
    const revokedTokens = await revokeAll(tx, user.id, now);
    // Its registered carrier auths go with it (their secrets are not kept for a deleted user).
    await tx.carrierAuth.deleteMany({ where: { apiUserId: user.id } });
    await tx.activityEvent.create({ data: event(scope, actor, user, "api_user.delete", { username: user.username, revokedTokens }) });
  });
  await credentialsChanged(input.apiUserId);
}

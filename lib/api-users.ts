import type { Environment, Prisma } from "@prisma/client";
import { z } from "zod";
import { activityData } from "@/lib/activity";
import { credentialsChanged } from "@/lib/credential-events";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { conflict, notFound, validationFailed } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { DEFAULT_RATE_LIMIT } from "@/lib/rate-limit/window";
import { PermissionSchema, type Permission, isPermission } from "@/lib/permissions";
import { issueTokenSecret, type PlainToken } from "@/lib/tokens";

/**
 * API users and their tokens, as the dashboard manages them. Every function takes the
 * member's scope first and keeps it in every WHERE: an id of another tenant (or, on a
 * customer's page, of another customer) is the same miss as an id that does not exist.
 * Every change writes one activity event in its transaction and, once committed, tells
 * the API's token cache (credentialsChanged).
 */

/** Requests per rolling minute when an API user has no custom limit (the API's own constant). */
export { DEFAULT_RATE_LIMIT };
export const MAX_RATE_LIMIT = 100_000;

/** Where the member is working: the tenant and either one customer or the tenant-wide users (null). */
export interface ApiAccessScope {
  tenantId: string;
  customerId: string | null;
}

/** Who makes the change, for the activity log (and, to delete, their own password check). */
export interface Actor {
  memberId: string;
  email: string;
  ip: string | null;
}

// ---------------------------------------------------------------------------------------
// Field rules: one schema per form, used by the server actions and the tests.

export const UsernameSchema = z
  .string()
  .min(1, "Enter a username.")
  .max(100, "At most 100 characters.")
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only (no spaces).");

export const ApiPasswordSchema = z
  .string()
  .min(1, "Enter a password.")
  .min(6, "At least 6 characters.")
  .max(200, "At most 200 characters.")
  .regex(/^\S+$/, "No spaces.");

const EmailSchema = z
  .string()
  .trim()
  .max(254, "At most 254 characters.")
  .refine((value) => value === "" || z.email().safeParse(value).success, "Enter a valid e-mail address.")
  .transform((value) => (value === "" ? null : value.toLowerCase()));

const PermissionsSchema = z.preprocess(
  (value) => value ?? [],
  z.array(PermissionSchema, { error: "Choose from the listed permissions." }).min(1, "Choose at least one permission."),
);

const EnvironmentSchema = z
  .enum(["live", "test"], { error: "Choose live or test." })
  .default("live")
  .transform((value): Environment => (value === "live" ? "LIVE" : "TEST"));

const TokenNameSchema = z
  .string()
  .trim()
  .max(80, "At most 80 characters.")
  .default("")
  .transform((value) => value || null);

/** The page's scope as its forms send it: a customer id, or "" for the tenant-wide users. */
const ScopeField = z
  .string()
  .max(64)
  .default("")
  .transform((value) => value || null);

const Id = z.string().min(1).max(64);

export const OVERLAPS = {
  now: { label: "Immediately", ms: 0 },
  "1h": { label: "After 1 hour", ms: 3_600_000 },
  "24h": { label: "After 24 hours", ms: 86_400_000 },
  "7d": { label: "After 7 days", ms: 7 * 86_400_000 },
} as const;
export type Overlap = keyof typeof OVERLAPS;

export const CreateApiUserInput = z.object({
  scope: ScopeField,
  username: UsernameSchema,
  password: ApiPasswordSchema,
  email: EmailSchema.default(""),
  permissions: PermissionsSchema,
  environment: EnvironmentSchema,
});

export const ApiUserRef = z.object({ scope: ScopeField, apiUserId: Id });
export const TokenRef = z.object({ scope: ScopeField, tokenId: Id });

export const UpdatePermissionsInput = ApiUserRef.extend({ permissions: PermissionsSchema });

export const UpdateRateLimitInput = ApiUserRef.extend({
  mode: z.enum(["default", "custom"], { error: "Choose default or custom." }),
  rateLimit: z.string().default(""),
}).transform((value, ctx) => {
  if (value.mode === "default") return { ...value, rateLimit: null };
  const n = Number(value.rateLimit);
  if (!/^\d+$/.test(value.rateLimit.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_RATE_LIMIT) {
    ctx.addIssue({ code: "custom", path: ["rateLimit"], message: `A whole number from 1 to ${MAX_RATE_LIMIT}.` });
    return z.NEVER;
  }
  return { ...value, rateLimit: n };
});

export const IssueTokenInput = ApiUserRef.extend({ name: TokenNameSchema, environment: EnvironmentSchema });

export const RotateTokenInput = TokenRef.extend({
  overlap: z.enum(Object.keys(OVERLAPS) as [Overlap, ...Overlap[]], { error: "Choose when the old token stops." }),
});

export const DeleteApiUserInput = ApiUserRef.extend({ password: z.string().min(1, "Enter your password.").max(500) });

/** What the page makes of a form: the tenant from the session, the customer from the form. */
export function scopeOf(tenantId: string, input: { scope: string | null }): ApiAccessScope {
  return { tenantId, customerId: input.scope };
}

// ---------------------------------------------------------------------------------------
// Reading

export type TokenStatus = { kind: "active" } | { kind: "revoked"; at: Date } | { kind: "expires"; at: Date } | { kind: "expired"; at: Date };

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): TokenStatus {
  if (token.revokedAt) return { kind: "revoked", at: token.revokedAt };
  if (token.expiresAt) return token.expiresAt > now ? { kind: "expires", at: token.expiresAt } : { kind: "expired", at: token.expiresAt };
  return { kind: "active" };
}

const tokenSelect = {
  id: true,
  name: true,
  hint: true,
  environment: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  expiresAt: true,
} satisfies Prisma.ApiTokenSelect;

/** The scope's API users (deleted ones excluded), with their tokens: hints only, never a hash. */
export async function listApiUsers(scope: ApiAccessScope) {
  const prisma = await db();
  const users = await prisma.apiUser.findMany({
    where: { tenantId: scope.tenantId, customerId: scope.customerId, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      username: true,
      email: true,
      customerId: true,
      customer: { select: { name: true } },
      permissions: true,
      active: true,
      rateLimit: true,
      createdAt: true,
      tokens: { select: tokenSelect, orderBy: { createdAt: "desc" } },
    },
  });
  return users.map((user) => ({ ...user, permissions: user.permissions.filter(isPermission) }));
}

export type ApiUserListItem = Awaited<ReturnType<typeof listApiUsers>>[number];

/** All API users of the tenant that are not deleted (for the activity log's filter). */
export async function listTenantApiUserNames(scope: { tenantId: string }) {
  const prisma = await db();
  return prisma.apiUser.findMany({
    where: { tenantId: scope.tenantId, deletedAt: null },
    orderBy: { usernameLower: "asc" },
    select: { id: true, username: true },
  });
}

// ---------------------------------------------------------------------------------------
// Changes

/** A new token: the plain text exists only in this value, on its way to the shown-once dialog. */
export interface IssuedToken {
  token: PlainToken;
  hint: string;
  environment: Environment;
}

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

function event(scope: ApiAccessScope, actor: Actor, user: { id: string; customerId: string | null }, action: string, details: Prisma.InputJsonObject, apiTokenId?: string) {
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
        data: { tenantId: scope.tenantId, apiUserId: user.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: input.environment },
      });
      await tx.activityEvent.createMany({
        data: [
          event(scope, actor, user, "api_user.create", { username: user.username, email: user.email, permissions: input.permissions }),
          event(scope, actor, user, "token.issue", { username: user.username, hint: secret.hint, environment: input.environment }, token.id),
        ],
      });
      return user;
    });
    return { apiUserId: user.id, username: user.username, ...issued(secret, input.environment) };
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed({ username: ["That username is taken."] });
    throw error;
  }
}

function issued(secret: ReturnType<typeof issueTokenSecret>, environment: Environment): IssuedToken {
  return { token: secret.token, hint: secret.hint, environment };
}

export async function issueToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof IssueTokenInput>): Promise<IssuedToken> {
  const secret = issueTokenSecret(input.environment);
  const user = await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    if (!user.active) throw conflict("api_user_inactive", "Activate this API user before issuing a token.");
    const token = await tx.apiToken.create({
      data: { tenantId: scope.tenantId, apiUserId: user.id, name: input.name, tokenHash: secret.tokenHash, hint: secret.hint, environment: input.environment },
    });
    await tx.activityEvent.create({
      data: event(scope, actor, user, "token.issue", { username: user.username, name: input.name, hint: secret.hint, environment: input.environment }, token.id),
    });
    return user;
  });
  credentialsChanged(user.id);
  return issued(secret, input.environment);
}

/**
 * A new token in place of an old one, same name and environment. The old token stops now
 * (revoked) or at the end of the overlap (expiresAt), so an integration can switch over.
 */
export async function rotateToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof RotateTokenInput>, now = new Date()): Promise<IssuedToken> {
  const { apiUserId, result } = await transaction(async (tx) => {
    const old = await findToken(tx, scope, input.tokenId);
    if (!old.apiUser.active) throw conflict("api_user_inactive", "Activate this API user before rotating its tokens.");
    const status = tokenStatus(old, now).kind;
    if (status === "revoked" || status === "expired") throw conflict("token_not_active", "This token no longer works; generate a new one instead.");
    const secret = issueTokenSecret(old.environment);
    const ms = OVERLAPS[input.overlap].ms;
    const stopsAt = new Date(now.getTime() + ms);
    await tx.apiToken.update({
      where: { id: old.id },
      // An overlap never lengthens a deadline the old token already had.
      data: ms === 0 ? { revokedAt: now } : { expiresAt: old.expiresAt && old.expiresAt < stopsAt ? old.expiresAt : stopsAt },
    });
    const token = await tx.apiToken.create({
      data: { tenantId: scope.tenantId, apiUserId: old.apiUserId, name: old.name, tokenHash: secret.tokenHash, hint: secret.hint, environment: old.environment },
    });
    await tx.activityEvent.create({
      data: event(
        scope,
        actor,
        old.apiUser,
        "token.rotate",
        { username: old.apiUser.username, oldHint: old.hint, hint: secret.hint, environment: old.environment, overlap: input.overlap },
        token.id,
      ),
    });
    return { apiUserId: old.apiUserId, result: issued(secret, old.environment) };
  });
  credentialsChanged(apiUserId);
  return result;
}

export async function revokeToken(scope: ApiAccessScope, actor: Actor, input: z.output<typeof TokenRef>, now = new Date()): Promise<void> {
  const userId = await transaction(async (tx) => {
    const token = await findToken(tx, scope, input.tokenId);
    if (token.revokedAt) throw conflict("token_revoked", "This token is already revoked.");
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
    await tx.activityEvent.create({
      data: event(scope, actor, token.apiUser, "token.revoke", { username: token.apiUser.username, hint: token.hint, environment: token.environment }, token.id),
    });
    return token.apiUserId;
  });
  credentialsChanged(userId);
}

async function revokeAll(tx: Tx, apiUserId: string, now: Date): Promise<number> {
  const { count } = await tx.apiToken.updateMany({ where: { apiUserId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

export async function revokeAllTokens(scope: ApiAccessScope, actor: Actor, input: z.output<typeof ApiUserRef>, now = new Date()): Promise<{ revoked: number }> {
  const revoked = await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    const count = await revokeAll(tx, user.id, now);
    await tx.activityEvent.create({ data: event(scope, actor, user, "token.revoke", { username: user.username, all: true, count }) });
    return count;
  });
  credentialsChanged(input.apiUserId);
  return { revoked };
}

export async function updatePermissions(scope: ApiAccessScope, actor: Actor, input: z.output<typeof UpdatePermissionsInput>): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    const permissions: Permission[] = [...new Set(input.permissions)];
    await tx.apiUser.update({ where: { id: user.id }, data: { permissions } });
    await tx.activityEvent.create({
      data: event(scope, actor, user, "permissions.update", { username: user.username, before: user.permissions, permissions }),
    });
  });
  credentialsChanged(input.apiUserId);
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
  credentialsChanged(input.apiUserId);
}

/** Inactive, and every token revoked: nothing of this user works until it is activated and issued a new token. */
export async function deactivateApiUser(scope: ApiAccessScope, actor: Actor, input: z.output<typeof ApiUserRef>, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    if (!user.active) throw conflict("api_user_inactive", "This API user is already inactive.");
    await tx.apiUser.update({ where: { id: user.id }, data: { active: false } });
    const revokedTokens = await revokeAll(tx, user.id, now);
    await tx.activityEvent.create({ data: event(scope, actor, user, "api_user.deactivate", { username: user.username, revokedTokens }) });
  });
  credentialsChanged(input.apiUserId);
}

/** Active again; its old tokens stay revoked. */
export async function activateApiUser(scope: ApiAccessScope, actor: Actor, input: z.output<typeof ApiUserRef>): Promise<void> {
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    if (user.active) throw conflict("api_user_active", "This API user is already active.");
    await tx.apiUser.update({ where: { id: user.id }, data: { active: true } });
    await tx.activityEvent.create({ data: event(scope, actor, user, "api_user.activate", { username: user.username }) });
  });
  credentialsChanged(input.apiUserId);
}

/**
 * Soft delete after the member re-enters their own password. The user keeps its rows (for
 * the activity log) but loses every token, and its username is freed for a new user:
 * `usernameLower` gets a prefix no username can have (":" is not allowed in one).
 */
export async function deleteApiUser(scope: ApiAccessScope, actor: Actor, input: z.output<typeof DeleteApiUserInput>, now = new Date()): Promise<void> {
  const prisma = await db();
  const member = await prisma.member.findFirst({ where: { id: actor.memberId, tenantId: scope.tenantId }, select: { passwordHash: true } });
  if (!member || !(await verifyPassword(member.passwordHash, input.password))) {
    throw validationFailed({ password: ["That is not your password."] }, "Your password did not match; nothing was deleted.");
  }
  await transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    await tx.apiUser.update({
      where: { id: user.id },
      data: { deletedAt: now, active: false, usernameLower: `deleted:${user.id}:${user.usernameLower}` },
    });
    const revokedTokens = await revokeAll(tx, user.id, now);
    await tx.activityEvent.create({ data: event(scope, actor, user, "api_user.delete", { username: user.username, revokedTokens }) });
  });
  credentialsChanged(input.apiUserId);
}

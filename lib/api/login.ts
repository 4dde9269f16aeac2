import "server-only";
import type { ApiUser, Environment } from "@prisma/client";
import type { z } from "zod";
import { activityQueue } from "@/lib/api/activity-queue";
import { LoginInput } from "@/lib/api/login-input";
import { validate } from "@/lib/api/input";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { delayAfter, loginThrottle, sleep, type Attempt as ThrottledAttempt } from "@/lib/auth/login-throttle";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { issueTokenSecret, type PlainToken } from "@/lib/credentials/tokens";

/**
 * POST /v1/auth/token: username + password (+ X-Tenant) for a new token.
 *
 * Every way of being wrong (unknown X-Tenant, unknown or deleted user, wrong password, a
 * Client ID the user may not act for) gives the same 401 after the same password-hash
 * work. Failures go through the sign-in throttle (lib/auth/login-throttle.ts) in the
 * API's own buckets: per (username within the tenant, IP) pair, per username from every
 * address (short, and never for an address the user signed in from), and per IP. An
 * attempt is counted before its password is checked, so parallel guesses on any number
 * of instances are all counted; a refused one answers 429 with Retry-After. Unknown
 * usernames are counted exactly like known ones, so the lockout does not reveal which
 * usernames exist.
 */

const INVALID_CREDENTIALS = () => new AppError("invalid_credentials");

export interface LoginResult {
  token: PlainToken;
  /** ISO time the token stops, or null: never. */
  expires_at: string | null;
  user: { id: string; username: string; role: "api_client" };
}

export class LoginRefused extends AppError {
  constructor(readonly retryAfter: number) {
    super("too_many_attempts", `Too many failed sign-ins. Try again in ${retryAfter} s.`);
  }
}

interface Attempt {
  xTenant: string;
  ip: string | null;
  input: z.output<typeof LoginInput>;
}

export async function login(headerTenant: string | null, body: unknown, ip: string | null): Promise<LoginResult> {
  const xTenant = headerTenant?.trim().toUpperCase() ?? "";
  if (!xTenant) throw new AppError("missing_tenant");
  const input = validate(LoginInput, body);
  const attempt: Attempt = { xTenant, ip, input };
  const target = await findTarget(xTenant);
  const throttled = await loginThrottle().begin("api", { account: accountKey(attempt, target?.tenantId ?? null), ip });
  const user = target ? await findUser(target.tenantId, input.username) : null;
  if (throttled.refused) {
    if (user) recordEvent(user, attempt, "auth.login_failed", { reason: "locked", limit: throttled.limit });
    throw new LoginRefused(throttled.retryAfter);
  }
  await sleep(delayAfter(throttled.pairFailures));

  const passwordOk =
    user && !user.deletedAt ? await verifyPassword(user.passwordHash, input.password) : await burnPasswordCheck(input.password);
  const mayUseClientId = !!user && !!target && (user.customerId ? target.customerId === user.customerId : true);
  if (!user || user.deletedAt || !passwordOk || !mayUseClientId) {
    // The attempt stays counted as a failure.
    if (user && !user.deletedAt)
      recordEvent(user, attempt, "auth.login_failed", { reason: passwordOk ? "client_id_not_allowed" : "wrong_password" });
    throw INVALID_CREDENTIALS();
  }
  if (!user.active) {
    // Only someone who knows the password learns this; the token would be refused anyway.
    await throttled.withdrawn();
    recordEvent(user, attempt, "auth.login_failed", { reason: "inactive" });
    throw new AppError("api_user_inactive");
  }
  return issueToken(user, attempt, throttled);
}

// ---- steps -----------------------------------------------------------------------

/** The tenant (and customer) an X-Tenant Client ID names, if any. */
async function findTarget(clientId: string): Promise<{ tenantId: string; customerId: string | null } | null> {
  if (clientId.length > 64) return null;
  const prisma = await db();
  const [tenant, customer] = await Promise.all([
    prisma.tenant.findUnique({ where: { clientId }, select: { id: true } }),
    prisma.customer.findUnique({ where: { clientId }, select: { id: true, tenantId: true } }),
  ]);
  if (tenant) return { tenantId: tenant.id, customerId: null };
  if (customer) return { tenantId: customer.tenantId, customerId: customer.id };
  return null;
}

async function findUser(tenantId: string, username: string): Promise<ApiUser | null> {
  const prisma = await db();
  return prisma.apiUser.findUnique({ where: { tenantId_usernameLower: { tenantId, usernameLower: username.toLowerCase() } } });
}

/** A username is counted within its tenant; an X-Tenant that names nothing is its own bucket. */
function accountKey(attempt: Attempt, tenantId: string | null): string {
  return `${tenantId ?? `?${attempt.xTenant.slice(0, 64)}`}:${attempt.input.username.slice(0, 200)}`;
}

async function issueToken(user: ApiUser, attempt: Attempt, throttled: ThrottledAttempt): Promise<LoginResult> {
  const prisma = await db();
  const environment: Environment = attempt.input.environment === "test" ? "TEST" : "LIVE";
  const secret = issueTokenSecret(environment);
  const record = await prisma.apiToken.create({
    data: {
      tenantId: user.tenantId,
      apiUserId: user.id,
      name: attempt.input.name ?? "Sign-in via POST /v1/auth/token",
      tokenHash: secret.tokenHash,
      hint: secret.hint,
      environment,
      expiresAt: attempt.input.expiresAt,
    },
    select: { id: true },
  });
  await throttled.succeeded(); // forgives this address's failures and remembers it
  const expiresAt = attempt.input.expiresAt?.toISOString() ?? null;
  recordEvent(
    user,
    attempt,
    "auth.login",
    { environment: attempt.input.environment, token_hint: secret.hint, expires_at: expiresAt ?? "never" },
    record.id,
  );
  return { token: secret.token, expires_at: expiresAt, user: { id: user.id, username: user.username, role: "api_client" } };
}

function recordEvent(user: ApiUser, attempt: Attempt, action: string, details: Record<string, string>, apiTokenId?: string): void {
  activityQueue().push({
    event: {
      tenantId: user.tenantId,
      customerId: user.customerId,
      apiUserId: user.id,
      apiTokenId: apiTokenId ?? null,
      actor: user.username,
      action,
      method: "POST",
      path: "/v1/auth/token",
      status: action === "auth.login" ? 201 : details.reason === "locked" ? 429 : details.reason === "inactive" ? 403 : 401,
      ip: attempt.ip,
      details,
      createdAt: new Date(),
    },
  });
}

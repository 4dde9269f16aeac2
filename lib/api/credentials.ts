import "server-only";
import type { Environment } from "@prisma/client";
import { onCredentialsChanged } from "@/lib/credentials/events";
import { broadcastTrusted } from "@/lib/db/broadcast";
import { database } from "@/lib/db";
import { isPermission, type Permission } from "@/lib/credentials/permissions";
import { DEFAULT_RATE_LIMIT } from "@/lib/rate-limit";
import { AppError } from "@/lib/server/errors";

/** A token row with its user, tenant and the user's customer: what one request needs. */
export interface TokenRecord {
  tokenId: string;
  environment: Environment;
  revoked: boolean;
  disabled: boolean;
  expiresAt: Date | null;
  apiUser: {
    id: string;
    username: string;
    customerId: string | null;
    customerClientId: string | null;
    permissions: Permission[];
    rateLimit: number;
    active: boolean;
    deleted: boolean;
    /** Addresses and CIDR ranges its tokens may be used from; empty: any (lib/api-users/ip-allowlist.ts). */
    ipAllowlist: string[];
  };
  tenant: { id: string; clientId: string; name: string };
}

interface TokenRow {
  tokenId: string;
  environment: string;
  revoked: boolean;
  disabled: boolean;
  expiresAtMs: number | null;
  apiUserId: string;
  username: string;
  customerId: string | null;
  customerClientId: string | null;
  permissions: string[] | null;
  rateLimit: number | null;
  active: boolean;
  deleted: boolean;
  ipAllowlist: string[] | null;
  tenantId: string;
  tenantClientId: string;
  tenantName: string;
}

// Times come back as epoch milliseconds: columns are UTC `timestamp without time zone`,
// which node-pg would read in the process's local time zone.
const TOKEN_QUERY = `
  SELECT t."id" AS "tokenId", t."environment"::text AS "environment", t."revokedAt" IS NOT NULL AS "revoked",
         t."disabledAt" IS NOT NULL AS "disabled",
         (extract(epoch FROM t."expiresAt") * 1000)::float8 AS "expiresAtMs",
         u."id" AS "apiUserId", u."username", u."customerId", c."clientId" AS "customerClientId",
         u."permissions", u."rateLimit", u."active", u."deletedAt" IS NOT NULL AS "deleted", u."ipAllowlist",
         n."id" AS "tenantId", n."clientId" AS "tenantClientId", n."name" AS "tenantName"
  FROM "ApiToken" t
  JOIN "ApiUser" u ON u."id" = t."apiUserId"
  JOIN "Tenant" n ON n."id" = u."tenantId"
  LEFT JOIN "Customer" c ON c."id" = u."customerId"
  WHERE t."tokenHash" = $1`;

/**
 * One round trip by the unique index on tokenHash, joining user, tenant and customer.
 * Sent through the driver, not Prisma: Prisma's `include` would send one query per
 * relation, and even its $queryRaw costs about a millisecond of CPU per call (measured:
 * 1.3 ms against 0.4 ms for this on PostgreSQL), on every API request.
 */
export async function findToken(tokenHash: string): Promise<TokenRecord | null> {
  const { driver } = await database();
  const [row] = await driver.withSession((session) => session.query<TokenRow>(TOKEN_QUERY, [tokenHash]));
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    environment: row.environment === "TEST" ? "TEST" : "LIVE",
    revoked: row.revoked,
    disabled: row.disabled,
    expiresAt: row.expiresAtMs === null ? null : new Date(Number(row.expiresAtMs)),
    apiUser: {
      id: row.apiUserId,
      username: row.username,
      customerId: row.customerId,
      customerClientId: row.customerClientId,
      permissions: (row.permissions ?? []).filter(isPermission),
      rateLimit: row.rateLimit ?? DEFAULT_RATE_LIMIT,
      active: row.active,
      deleted: row.deleted,
      ipAllowlist: row.ipAllowlist ?? [],
    },
    tenant: { id: row.tenantId, clientId: row.tenantClientId, name: row.tenantName },
  };
}

/**
 * Why a token does not work, or null when it does. Checked on every request, cached or not,
 * in the order of DESIGN.md "Token states": unknown / revoked (401 invalid_token), expired
 * (401 token_expired), user deleted (401 invalid_token); user inactive (403 api_user_inactive); token disabled (403
 * token_disabled). A disabled token is refused here with its own code, thrown, so the
 * pipeline's verifyToken step needs no branch for it.
 */
export function tokenProblem(record: TokenRecord | null, now = Date.now()): "invalid" | "expired" | "inactive" | null {
  if (!record || record.revoked) return "invalid";
  if (record.expiresAt && record.expiresAt.getTime() <= now) return "expired";
  if (record.apiUser.deleted) return "invalid";
  if (!record.apiUser.active) return "inactive";
  if (record.disabled) throw new AppError("token_disabled");
  return null;
}

/**
 * Verified tokens kept in memory for up to API_TOKEN_CACHE_MS (lib/server/env.ts; 0 turns it
 * off). Every change goes through credentialsChanged (lib/credentials/events.ts), which drops
 * the user's entries in this instance before the change returns and in every other instance
 * through PostgreSQL LISTEN/NOTIFY (lib/db/broadcast.ts), so a revoked token, a removed
 * permission or a deactivated user fails on the very next request here and within
 * milliseconds elsewhere. The time-to-live only bounds what a change made behind the app's
 * back (by hand in SQL) leaves cached.
 */
export class TokenCache {
  private readonly entries = new Map<string, { record: TokenRecord | null; until: number }>();
  // A lookup that began before a change of its user must not cache what it read: each forget
  // bumps the generation, and set() compares the lookup's start with the last forget of the
  // record's user (or of everything). Changes of other users do not stop it from caching.
  private generation = 0;
  private everythingForgottenAt = 0;
  private readonly userForgottenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Where a lookup starts: set() takes it, and ignores a read older than the last forget. */
  get version(): number {
    return this.generation;
  }

  get(tokenHash: string, now = Date.now()): TokenRecord | null | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.record;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, record: TokenRecord | null, now = Date.now(), readAt = this.generation): void {
    if (!this.enabled || readAt < this.everythingForgottenAt) return;
    if (record && (this.userForgottenAt.get(record.apiUser.id) ?? 0) > readAt) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(tokenHash, { record, until: now + this.ttlMs });
  }

  forgetUser(apiUserId: string): void {
    this.generation++;
    if (this.userForgottenAt.size >= this.maxEntries) this.forgetAll();
    this.userForgottenAt.set(apiUserId, this.generation);
    for (const [hash, entry] of this.entries) if (entry.record?.apiUser.id === apiUserId) this.entries.delete(hash);
  }

  forget(tokenHash: string): void {
    this.generation++;
    this.everythingForgottenAt = this.generation;
    this.entries.delete(tokenHash);
  }

  forgetAll(): void {
    this.generation++;
    this.everythingForgottenAt = this.generation;
    this.userForgottenAt.clear();
    this.entries.clear();
  }
}

/**
 * Where a token cache hears of changes: the app's credential changes (lib/credentials/events.ts
 * over lib/db/broadcast.ts), or a test's own feed when it plays a second instance.
 */
export interface TokenChangeFeed {
  subscribe(forgetUser: (apiUserId: string) => void, forgetAll: () => void): () => void;
  /** False while changes may be missed: the cache is bypassed. */
  trusted(): boolean;
}

/** How the pipeline finds a token's record (lib/api/route.ts gets one in createPipeline). */
export interface TokenLookup {
  lookup(tokenHash: string): Promise<TokenRecord | null>;
}

/**
 * Token records through `cache` (disabled: straight to the database). An enabled cache
 * subscribes to credential changes (this process's and, on PostgreSQL, every instance's)
 * and is bypassed while the cross-instance feed is down (broadcastTrusted); stop() ends the
 * subscription (a test's own lookup must not outlive its test). Unknown hashes are not
 * cached (no memory for junk).
 */
export function createTokenLookup(
  cache: TokenCache,
  feed: TokenChangeFeed = { subscribe: onCredentialsChanged, trusted: broadcastTrusted },
): TokenLookup & { cache: TokenCache; stop(): void } {
  const stop = cache.enabled
    ? feed.subscribe(
        (apiUserId) => cache.forgetUser(apiUserId),
        () => cache.forgetAll(),
      )
    : () => {};
  return {
    cache,
    stop,
    async lookup(tokenHash) {
      if (!cache.enabled || !feed.trusted()) return findToken(tokenHash);
      const cached = cache.get(tokenHash);
      if (cached !== undefined) return cached;
      const readAt = cache.version;
      const record = await findToken(tokenHash);
      if (record) cache.set(tokenHash, record, Date.now(), readAt);
      return record;
    },
  };
}

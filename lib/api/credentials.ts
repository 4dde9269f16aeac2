import type { Environment } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { onCredentialsChanged } from "@/lib/credential-events";
import { db } from "@/lib/db";
import { isPermission, type Permission } from "@/lib/permissions";
import { DEFAULT_RATE_LIMIT } from "@/lib/rate-limit";

/** A token row with its user, tenant and the user's customer: what one request needs. */
export interface TokenRecord {
  tokenId: string;
  environment: Environment;
  revokedAt: Date | null;
  expiresAt: Date | null;
  apiUser: {
    id: string;
    username: string;
    customerId: string | null;
    customerClientId: string | null;
    permissions: Permission[];
    rateLimit: number;
    active: boolean;
    deletedAt: Date | null;
  };
  tenant: { id: string; clientId: string; name: string };
}

interface TokenRow {
  tokenId: string;
  environment: string;
  revokedAt: Date | string | null;
  expiresAt: Date | string | null;
  apiUserId: string;
  username: string;
  customerId: string | null;
  customerClientId: string | null;
  permissions: string[] | null;
  rateLimit: number | null;
  active: boolean;
  deletedAt: Date | string | null;
  tenantId: string;
  tenantClientId: string;
  tenantName: string;
}

const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * One round trip by the unique index on tokenHash, joining user, tenant and customer.
 * (Prisma's `include` would send one query per relation.)
 */
export async function findToken(tokenHash: string): Promise<TokenRecord | null> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<TokenRow[]>(Prisma.sql`
    SELECT t."id" AS "tokenId", t."environment"::text AS "environment", t."revokedAt", t."expiresAt",
           u."id" AS "apiUserId", u."username", u."customerId", c."clientId" AS "customerClientId",
           u."permissions", u."rateLimit", u."active", u."deletedAt",
           n."id" AS "tenantId", n."clientId" AS "tenantClientId", n."name" AS "tenantName"
    FROM "ApiToken" t
    JOIN "ApiUser" u ON u."id" = t."apiUserId"
    JOIN "Tenant" n ON n."id" = u."tenantId"
    LEFT JOIN "Customer" c ON c."id" = u."customerId"
    WHERE t."tokenHash" = ${tokenHash}`);
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    environment: row.environment === "TEST" ? "TEST" : "LIVE",
    revokedAt: asDate(row.revokedAt),
    expiresAt: asDate(row.expiresAt),
    apiUser: {
      id: row.apiUserId,
      username: row.username,
      customerId: row.customerId,
      customerClientId: row.customerClientId,
      permissions: (row.permissions ?? []).filter(isPermission),
      rateLimit: row.rateLimit ?? DEFAULT_RATE_LIMIT,
      active: row.active,
      deletedAt: asDate(row.deletedAt),
    },
    tenant: { id: row.tenantId, clientId: row.tenantClientId, name: row.tenantName },
  };
}

/** Why a token does not work, or null when it does. Checked on every request, cached or not. */
export function tokenProblem(record: TokenRecord | null, now = Date.now()): "invalid" | "inactive" | null {
  if (!record || record.revokedAt || record.apiUser.deletedAt) return "invalid";
  if (record.expiresAt && record.expiresAt.getTime() <= now) return "invalid";
  if (!record.apiUser.active) return "inactive";
  return null;
}

/**
 * Verified tokens kept for a short time (API_TOKEN_CACHE_MS; 0 turns it off). Any change
 * made through lib/ (credentialsChanged) drops the user's entries at once, so a revoked
 * token, a removed permission or a deactivated user fails on the very next request. A
 * change made behind the app's back (by SQL, or by another instance) is not seen until
 * the entry expires, which is why the default is off on PostgreSQL (README, "Public API").
 */
export class TokenCache {
  private readonly entries = new Map<string, { record: TokenRecord | null; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(tokenHash: string, now = Date.now()): TokenRecord | null | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.record;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, record: TokenRecord | null, now = Date.now()): void {
    if (!this.enabled) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(tokenHash, { record, until: now + this.ttlMs });
  }

  forgetUser(apiUserId: string): void {
    for (const [hash, entry] of this.entries) if (entry.record?.apiUser.id === apiUserId) this.entries.delete(hash);
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }
}

export function tokenCacheTtl(): number {
  const configured = Number(process.env.API_TOKEN_CACHE_MS);
  if (process.env.API_TOKEN_CACHE_MS !== undefined && process.env.API_TOKEN_CACHE_MS !== "" && Number.isFinite(configured)) {
    return Math.max(0, configured);
  }
  return 0;
}

const holder = globalThis as unknown as { courierTokenCache?: TokenCache };

export function tokenCache(): TokenCache {
  if (!holder.courierTokenCache) {
    const cache = new TokenCache(tokenCacheTtl());
    holder.courierTokenCache = cache;
    onCredentialsChanged((apiUserId) => cache.forgetUser(apiUserId));
  }
  return holder.courierTokenCache;
}

/** The token's record through the cache. Unknown hashes are not cached (no memory for junk). */
export async function lookupToken(tokenHash: string): Promise<TokenRecord | null> {
  const cache = tokenCache();
  const cached = cache.get(tokenHash);
  if (cached !== undefined) return cached;
  const record = await findToken(tokenHash);
  if (record) cache.set(tokenHash, record);
  return record;
}

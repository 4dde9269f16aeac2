import "server-only";
import type { ApiContext } from "@/lib/api/context";
import { database } from "@/lib/db";
import { RATE_LIMIT_WINDOW_MS } from "@/lib/rate-limit";
import { tenantCustomers } from "@/lib/tenants/customer-list";

interface CallerRow {
  email: string | null;
  userCustomerClientId: string | null;
  userCustomerName: string | null;
  scopeCustomerClientId: string | null;
  scopeCustomerName: string | null;
  tokenId: string | null;
  tokenName: string | null;
  hint: string | null;
  createdAtMs: number | null;
  expiresAtMs: number | null;
  lastUsedAtMs: number | null;
  lastUsedIp: string | null;
  recent: { atMs: number; action: string; method: string | null; path: string | null; status: number | null; ip: string | null }[];
}

// What changes with every call (the token's last use, the recent activity) and the rows the
// verified token record does not carry, in one round trip by primary keys and the
// (apiUserId, createdAt, id) index; each part scoped to the tenant. Times as epoch milliseconds
// (lib/api/credentials.ts TOKEN_QUERY says why).
const CALLER_QUERY = `
  SELECT u."email", uc."clientId" AS "userCustomerClientId", uc."name" AS "userCustomerName",
         sc."clientId" AS "scopeCustomerClientId", sc."name" AS "scopeCustomerName",
         t."id" AS "tokenId", t."name" AS "tokenName", t."hint",
         (extract(epoch FROM t."createdAt") * 1000)::float8 AS "createdAtMs",
         (extract(epoch FROM t."expiresAt") * 1000)::float8 AS "expiresAtMs",
         (extract(epoch FROM t."lastUsedAt") * 1000)::float8 AS "lastUsedAtMs", t."lastUsedIp",
         (SELECT coalesce(json_agg(json_build_object('atMs', e."atMs", 'action', e."action", 'method', e."method",
                                                     'path', e."path", 'status', e."status", 'ip', e."ip") ORDER BY e."atMs" DESC), '[]'::json)
          FROM (SELECT (extract(epoch FROM a."createdAt") * 1000)::float8 AS "atMs", a."action", a."method", a."path", a."status", a."ip"
                FROM "ActivityEvent" a WHERE a."tenantId" = $1 AND a."apiUserId" = $2
                ORDER BY a."createdAt" DESC LIMIT 5) e) AS "recent"
  FROM (SELECT 1) one
  LEFT JOIN "ApiUser" u ON u."id" = $2 AND u."tenantId" = $1
  LEFT JOIN "Customer" uc ON uc."id" = u."customerId"
  LEFT JOIN "ApiToken" t ON t."id" = $3 AND t."tenantId" = $1
  LEFT JOIN "Customer" sc ON sc."id" = $4 AND sc."tenantId" = $1`;

const date = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));

/**
 * GET /v1/me: who the token belongs to, what X-Tenant selected, where else it may act, its
 * recent calls. One driver query (Prisma's five cost about a millisecond of CPU each) and, for
 * a tenant-wide user, the tenant's customers from memory (lib/tenants/customer-list.ts).
 */
export async function describeCaller(ctx: ApiContext) {
  const { driver } = await database();
  const [[row], customers] = await Promise.all([
    driver.withSession((s) => s.query<CallerRow>(CALLER_QUERY, [ctx.tenant.id, ctx.apiUser.id, ctx.token.id, ctx.scope.customerId])),
    ctx.apiUser.customerId ? null : tenantCustomers(ctx.tenant.id),
  ]);
  const userCustomer =
    row?.userCustomerClientId != null && row.userCustomerName != null
      ? { client_id: row.userCustomerClientId, name: row.userCustomerName }
      : null;
  const expiresAt = date(row?.expiresAtMs ?? null);
  return {
    id: ctx.apiUser.id,
    username: ctx.apiUser.username,
    email: row?.email ?? null,
    role: "api_client",
    // What the user is bound to; null for a tenant-wide user.
    customer: userCustomer,
    // What this request's X-Tenant selected.
    scope: {
      tenant: { client_id: ctx.tenant.clientId, name: ctx.tenant.name },
      customer:
        row?.scopeCustomerClientId != null && row.scopeCustomerName != null
          ? { client_id: row.scopeCustomerClientId, name: row.scopeCustomerName }
          : null,
    },
    // The Client IDs this user may send as X-Tenant: a customer's user its own; a tenant-wide user its tenant's and its customers'.
    client_ids: customers
      ? [
          { client_id: ctx.tenant.clientId, name: ctx.tenant.name, kind: "tenant" },
          ...customers.map((c) => ({ client_id: c.clientId, name: c.name, kind: "customer" })),
        ]
      : userCustomer
        ? [{ ...userCustomer, kind: "customer" }]
        : [],
    permissions: ctx.apiUser.permissions,
    rate_limit: { limit: ctx.apiUser.rateLimit, window_seconds: RATE_LIMIT_WINDOW_MS / 1000 },
    environment: ctx.scope.environment === "TEST" ? "test" : "live",
    token: row?.tokenId
      ? {
          id: row.tokenId,
          name: row.tokenName,
          hint: row.hint,
          created_at: date(row.createdAtMs),
          expires_at: expiresAt,
          last_used_at: date(row.lastUsedAtMs),
          last_used_ip: row.lastUsedIp,
        }
      : null,
    expires_at: expiresAt,
    recent_activity: (row?.recent ?? []).map((e) => ({
      at: new Date(Number(e.atMs)),
      action: e.action,
      method: e.method,
      path: e.path,
      status: e.status,
      ip: e.ip,
    })),
  };
}

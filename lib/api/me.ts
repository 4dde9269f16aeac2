import "server-only";
import type { ApiContext } from "@/lib/api/context";
import { db } from "@/lib/db";
import { RATE_LIMIT_WINDOW_MS } from "@/lib/rate-limit";

const MAX_CLIENT_IDS = 100;

/** GET /v1/me: who the token belongs to, what X-Tenant selected, where else it may act, its recent calls. */
export async function describeCaller(ctx: ApiContext) {
  const prisma = await db();
  const [user, token, customer, recent, customers] = await Promise.all([
    prisma.apiUser.findFirst({
      where: { id: ctx.apiUser.id, tenantId: ctx.tenant.id },
      select: { email: true, customer: { select: { clientId: true, name: true } } },
    }),
    prisma.apiToken.findFirst({
      where: { id: ctx.token.id, tenantId: ctx.tenant.id },
      select: { id: true, name: true, hint: true, createdAt: true, lastUsedAt: true, lastUsedIp: true, expiresAt: true },
    }),
    ctx.scope.customerId
      ? prisma.customer.findFirst({ where: { id: ctx.scope.customerId, tenantId: ctx.tenant.id }, select: { clientId: true, name: true } })
      : null,
    prisma.activityEvent.findMany({
      where: { tenantId: ctx.tenant.id, apiUserId: ctx.apiUser.id },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { createdAt: true, action: true, method: true, path: true, status: true, ip: true },
    }),
    // The Client IDs this user may send as X-Tenant (for a tenant-wide user: its customers too).
    prisma.customer.findMany({
      where: { tenantId: ctx.tenant.id, ...(ctx.apiUser.customerId && { id: ctx.apiUser.customerId }) },
      orderBy: { name: "asc" },
      take: MAX_CLIENT_IDS,
      select: { clientId: true, name: true },
    }),
  ]);
  return {
    id: ctx.apiUser.id,
    username: ctx.apiUser.username,
    email: user?.email ?? null,
    role: "api_client",
    // What the user is bound to; null for a tenant-wide user.
    customer: user?.customer ? { client_id: user.customer.clientId, name: user.customer.name } : null,
    // What this request's X-Tenant selected.
    scope: {
      tenant: { client_id: ctx.tenant.clientId, name: ctx.tenant.name },
      customer: customer ? { client_id: customer.clientId, name: customer.name } : null,
    },
    client_ids: [
      ...(ctx.apiUser.customerId ? [] : [{ client_id: ctx.tenant.clientId, name: ctx.tenant.name, kind: "tenant" }]),
      ...customers.map((c) => ({ client_id: c.clientId, name: c.name, kind: "customer" })),
    ],
    permissions: ctx.apiUser.permissions,
    rate_limit: { limit: ctx.apiUser.rateLimit, window_seconds: RATE_LIMIT_WINDOW_MS / 1000 },
    environment: ctx.scope.environment === "TEST" ? "test" : "live",
    token: token && {
      id: token.id,
      name: token.name,
      hint: token.hint,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      last_used_at: token.lastUsedAt,
      last_used_ip: token.lastUsedIp,
    },
    expires_at: token?.expiresAt ?? null,
    recent_activity: recent.map((e) => ({ at: e.createdAt, action: e.action, method: e.method, path: e.path, status: e.status, ip: e.ip })),
  };
}

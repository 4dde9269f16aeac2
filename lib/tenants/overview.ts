import "server-only";
import { db } from "@/lib/db";

/** The figures on the dashboard's overview, in one round of parallel counts. */
export async function tenantOverview(scope: { tenantId: string }, now = new Date()) {
  const prisma = await db();
  const { tenantId } = scope;
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const liveUser = { tenantId, deletedAt: null };
  const liveToken = { tenantId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [customers, tenantWideUsers, customerUsers, liveTokens, refusedTokens, apiCalls, failedCalls] = await Promise.all([
    prisma.customer.count({ where: { tenantId } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: null } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: { not: null } } }),
    // Live tokens from the index on (tenantId, revokedAt, expiresAt) alone, less the few of
    // deactivated users (deleting a user revokes its tokens; deactivating one keeps them,
    // refused): no join of every token with its user.
    prisma.apiToken.count({ where: liveToken }),
    prisma.apiToken.count({ where: { ...liveToken, apiUser: { tenantId, active: false } } }),
    // Both from the index on (tenantId, createdAt, status, method) alone: no event row is read.
    prisma.activityEvent.count({ where: { tenantId, createdAt: { gte: since }, method: { not: null } } }),
    prisma.activityEvent.count({ where: { tenantId, createdAt: { gte: since }, status: { gte: 400 }, method: { not: null } } }),
  ]);
  const activeTokens = liveTokens - refusedTokens;
  return { customers, tenantWideUsers, customerUsers, activeTokens, apiCalls, failedCalls };
}

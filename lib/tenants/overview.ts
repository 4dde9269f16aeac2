import "server-only";
import { db } from "@/lib/db";

/** The figures on the dashboard's overview, in one round of parallel counts. */
export async function tenantOverview(scope: { tenantId: string }, now = new Date()) {
  const prisma = await db();
  const { tenantId } = scope;
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const liveUser = { tenantId, deletedAt: null };
  const [customers, tenantWideUsers, customerUsers, activeTokens, apiCalls, failedCalls] = await Promise.all([
    prisma.customer.count({ where: { tenantId } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: null } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: { not: null } } }),
    prisma.apiToken.count({
      where: {
        tenantId,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        apiUser: { deletedAt: null, active: true },
      },
    }),
    prisma.activityEvent.count({ where: { tenantId, method: { not: null }, createdAt: { gte: since } } }),
    prisma.activityEvent.count({ where: { tenantId, method: { not: null }, status: { gte: 400 }, createdAt: { gte: since } } }),
  ]);
  return { customers, tenantWideUsers, customerUsers, activeTokens, apiCalls, failedCalls };
}

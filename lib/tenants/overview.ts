import "server-only";
import type { Environment } from "@prisma/client";
import { db } from "@/lib/db";

const HOUR_MS = 3_600_000;

/**
 * The figures on the dashboard's overview, in one round of parallel counts, for one
 * environment (the member's Test / Live switch): tokens of that environment, and the API
 * calls made with them. Customers and API users have no environment.
 */
export async function tenantOverview(scope: { tenantId: string }, environment: Environment, now = new Date()) {
  const prisma = await db();
  const { tenantId } = scope;
  // The rollup counts by UTC hour: the current hour and the 23 before it.
  const firstHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
  const liveUser = { tenantId, deletedAt: null };
  const liveToken = { tenantId, environment, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [customers, tenantWideUsers, customerUsers, liveTokens, refusedTokens, usage] = await Promise.all([
    prisma.customer.count({ where: { tenantId } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: null } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: { not: null } } }),
    // Live tokens from the index on (tenantId, environment, revokedAt, expiresAt) alone, less
    // the few of deactivated users (deleting a user revokes its tokens; deactivating one keeps
    // them, refused): no join of every token with its user.
    prisma.apiToken.count({ where: liveToken }),
    prisma.apiToken.count({ where: { ...liveToken, apiUser: { tenantId, active: false } } }),
    // From the hourly rollup (lib/activity/usage.ts), not the event table: a day of a busy
    // tenant is millions of events but at most 24 rows per API user.
    prisma.apiUsageHourly.aggregate({
      where: { tenantId, environment, hour: { gte: firstHour } },
      _sum: { success: true, clientError: true, rateLimited: true, serverError: true },
    }),
  ]);
  const sum = usage._sum;
  const failedCalls = (sum.clientError ?? 0) + (sum.rateLimited ?? 0) + (sum.serverError ?? 0);
  const activeTokens = liveTokens - refusedTokens;
  return { customers, tenantWideUsers, customerUsers, activeTokens, apiCalls: (sum.success ?? 0) + failedCalls, failedCalls };
}

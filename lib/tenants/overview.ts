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
  const [customers, tenantWideUsers, customerUsers, kept, expiring, usage] = await Promise.all([
    prisma.customer.count({ where: { tenantId } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: null } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: { not: null } } }),
    // Active tokens: those that never expire are kept counted (ApiTokenCount, by triggers in
    // the transaction of every change: prisma/schema.prisma); those with an expiry, which
    // lapse by time alone, are the short index range of tokens expiring later than now.
    prisma.apiTokenCount.findUnique({ where: { tenantId_environment: { tenantId, environment } }, select: { usable: true } }),
    prisma.apiToken.count({
      where: {
        tenantId,
        environment,
        revokedAt: null,
        expiresAt: { gt: now },
        disabledAt: null,
        apiUser: { active: true, deletedAt: null },
      },
    }),
    // From the hourly rollup (lib/activity/usage.ts), not the event table: a day of a busy
    // tenant is millions of events but at most 24 rows per API user.
    prisma.apiUsageHourly.aggregate({
      where: { tenantId, environment, hour: { gte: firstHour } },
      _sum: { success: true, clientError: true, rateLimited: true, serverError: true },
    }),
  ]);
  const sum = usage._sum;
  const failedCalls = (sum.clientError ?? 0) + (sum.rateLimited ?? 0) + (sum.serverError ?? 0);
  const activeTokens = (kept?.usable ?? 0) + expiring;
  return { customers, tenantWideUsers, customerUsers, activeTokens, apiCalls: (sum.success ?? 0) + failedCalls, failedCalls };
}

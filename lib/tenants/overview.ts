import "server-only";
import type { Environment } from "@prisma/client";
import { db } from "@/lib/db";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

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
  const tomorrow = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const liveUser = { tenantId, deletedAt: null };
  const [customers, tenantWideUsers, customerUsers, kept, expiringToday, usage] = await Promise.all([
    prisma.customer.count({ where: { tenantId } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: null } }),
    prisma.apiUser.count({ where: { ...liveUser, customerId: { not: null } } }),
    // Active tokens, kept per UTC day of expiry (ApiTokenCount, by triggers in the transaction
    // of every change: prisma/schema.prisma): the days after today, and today's tokens still
    // ahead of their expiry from the index, at most a day's worth. Expiry needs no write.
    prisma.apiTokenCount.aggregate({ where: { tenantId, environment, expiresDay: { gte: tomorrow } }, _sum: { usable: true } }),
    prisma.apiToken.count({
      where: {
        tenantId,
        environment,
        revokedAt: null,
        expiresAt: { gt: now, lt: tomorrow },
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
  const activeTokens = (kept._sum.usable ?? 0) + expiringToday;
  return { customers, tenantWideUsers, customerUsers, activeTokens, apiCalls: (sum.success ?? 0) + failedCalls, failedCalls };
}

import "server-only";
import type { Environment } from "@prisma/client";
import { db } from "@/lib/db";

/** What an API call's activity event carries that the rollup counts. */
interface CountedCall {
  event: { tenantId: string; apiUserId?: string | null; apiTokenId?: string | null; status?: number | null; createdAt: Date };
}

export type UsageClass = "success" | "clientError" | "rateLimited" | "serverError";

/** 2xx and 3xx succeed; 429 is rate-limited, not a client error; 5xx is ours. */
export function usageClass(status: number): UsageClass {
  if (status === 429) return "rateLimited";
  if (status >= 500) return "serverError";
  if (status >= 400) return "clientError";
  return "success";
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** One row of the rollup a batch adds: the calls of one user (and token) in one UTC hour, by class. */
export interface UsageCount extends Record<UsageClass, number> {
  apiUserId: string;
  tokenId: string | null;
  hour: Date;
}

/**
 * What a batch of API calls adds to ApiUsageHourly, per API user, token and UTC hour. The
 * environment is the calling token's (a call without a token, a failed sign-in, counts as
 * live); writeApiCalls (lib/api/activity-queue.ts) upserts these with USAGE_UPSERT in the
 * statement that writes the calls' events.
 */
export function usageCounts(records: readonly CountedCall[]): UsageCount[] {
  const counts = new Map<string, UsageCount>();
  for (const { event } of records) {
    if (!event.apiUserId || typeof event.status !== "number") continue;
    const hour = hourOf(event.createdAt);
    const key = `${event.apiUserId} ${event.apiTokenId ?? ""} ${hour.getTime()}`;
    let row = counts.get(key);
    if (!row) {
      row = {
        apiUserId: event.apiUserId,
        tokenId: event.apiTokenId ?? null,
        hour,
        success: 0,
        clientError: 0,
        rateLimited: 0,
        serverError: 0,
      };
      counts.set(key, row);
    }
    row[usageClass(event.status)]++;
  }
  return [...counts.values()];
}

/**
 * The upsert of usageCounts' rows, given as `usage(api_user_id, token_id, hour, success,
 * client_error, rate_limited, server_error)` by the statement it is part of. Calls of a
 * user deleted meanwhile are skipped rather than failing the batch.
 */
export const USAGE_UPSERT = `
      INSERT INTO "ApiUsageHourly" ("apiUserId", "tenantId", "environment", "hour", "success", "clientError", "rateLimited", "serverError")
      SELECT u."id", u."tenantId", COALESCE(t."environment", 'LIVE'::"Environment"), v.hour,
             SUM(v.success)::int, SUM(v.client_error)::int, SUM(v.rate_limited)::int, SUM(v.server_error)::int
      FROM usage AS v
      JOIN "ApiUser" u ON u."id" = v.api_user_id
      LEFT JOIN "ApiToken" t ON t."id" = v.token_id
      GROUP BY u."id", u."tenantId", COALESCE(t."environment", 'LIVE'::"Environment"), v.hour
      -- One order for every writer: two instances upserting the same rows lock them alike, never crosswise.
      ORDER BY 1, 3, 4
      ON CONFLICT ("apiUserId", "environment", "hour") DO UPDATE SET
        "success" = "ApiUsageHourly"."success" + EXCLUDED."success",
        "clientError" = "ApiUsageHourly"."clientError" + EXCLUDED."clientError",
        "rateLimited" = "ApiUsageHourly"."rateLimited" + EXCLUDED."rateLimited",
        "serverError" = "ApiUsageHourly"."serverError" + EXCLUDED."serverError"`;

export interface UsageBucket extends Record<UsageClass, number> {
  /** The start of the UTC day or hour. */
  start: Date;
}

export interface ApiUserUsage {
  /** The last 30 UTC days, today last. */
  days: UsageBucket[];
  /** The last 24 hours, the current hour last. */
  hours: UsageBucket[];
  totals: Record<UsageClass, number>;
}

const empty = (start: Date): UsageBucket => ({ start, success: 0, clientError: 0, rateLimited: 0, serverError: 0 });

function add(into: Record<UsageClass, number>, from: Record<UsageClass, number>) {
  into.success += from.success;
  into.clientError += from.clientError;
  into.rateLimited += from.rateLimited;
  into.serverError += from.serverError;
}

/**
 * An API user's calls in one environment: per day over the last 30 days (the sum of its
 * hours) and per hour over the last 24. At most 720 rollup rows, read by the primary key;
 * the event table is not touched. The caller has checked the user is in the member's tenant.
 */
export async function apiUserUsage(apiUserId: string, environment: Environment, now = new Date()): Promise<ApiUserUsage> {
  const firstDay = Math.floor(now.getTime() / DAY_MS) * DAY_MS - 29 * DAY_MS;
  const firstHour = hourOf(now).getTime() - 23 * HOUR_MS;
  const days = Array.from({ length: 30 }, (_, i) => empty(new Date(firstDay + i * DAY_MS)));
  const hours = Array.from({ length: 24 }, (_, i) => empty(new Date(firstHour + i * HOUR_MS)));
  const prisma = await db();
  const rows = await prisma.apiUsageHourly.findMany({
    where: { apiUserId, environment, hour: { gte: new Date(firstDay) } },
    select: { hour: true, success: true, clientError: true, rateLimited: true, serverError: true },
  });
  const totals = empty(new Date(firstDay));
  for (const row of rows) {
    const at = row.hour.getTime();
    const day = days[Math.floor((at - firstDay) / DAY_MS)];
    if (!day) continue;
    add(day, row);
    add(totals, row);
    const hour = hours[(at - firstHour) / HOUR_MS];
    if (hour) add(hour, row);
  }
  const { start: _start, ...sums } = totals;
  return { days, hours, totals: sums };
}

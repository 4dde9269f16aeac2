import "server-only";
import { z } from "zod";
import { recentActivity, type ActivityFilter } from "@/lib/activity/events";

/**
 * The activity log page and its CSV export read the same query string: an action prefix,
 * an API user, and `before` (the time of the last event of the previous page).
 */
export const ActivityQuery = z.object({
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z0-9._:-]*$/i)
    .optional()
    .catch(undefined),
  apiUser: z.string().max(64).optional().catch(undefined),
  before: z.iso.datetime().optional().catch(undefined),
});

export type ActivityQueryInput = z.output<typeof ActivityQuery>;

export const ACTION_PREFIXES = ["api_user.", "token.", "permissions.", "rate_limit."] as const;

export function parseActivityQuery(params: Record<string, string | string[] | undefined>): ActivityQueryInput {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return ActivityQuery.parse({ action: first(params.action), apiUser: first(params.apiUser), before: first(params.before) });
}

export function activityFilter(tenantId: string, query: ActivityQueryInput): ActivityFilter {
  return {
    tenantId,
    action: query.action || undefined,
    apiUserId: query.apiUser || undefined,
    before: query.before ? new Date(query.before) : undefined,
  };
}

/** One page of the log, and the `before` of the next (older) page if there is one. */
export async function activityPage(filter: ActivityFilter, size = 50) {
  const rows = await recentActivity(filter, size + 1);
  const events = rows.slice(0, size);
  const last = events.at(-1);
  return { events, older: rows.length > size && last ? last.createdAt.toISOString() : null };
}

type Row = Awaited<ReturnType<typeof recentActivity>>[number];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function activityCsv(rows: Row[]): string {
  const header = ["time", "username", "action", "actor", "method", "path", "status", "ip", "details"];
  const lines = rows.map((r) =>
    [r.createdAt.toISOString(), r.apiUser?.username, r.action, r.actor, r.method, r.path, r.status, r.ip, r.details].map(csvCell).join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}

import "server-only";
import { z } from "zod";
import { recentActivity, type ActivityCursor, type ActivityFilter } from "@/lib/activity/events";

/**
 * `before` in the URL: the time and id of the last event of the previous page, as
 * `2026-11-25T12:30:00.123Z_<id>` (readable, and exact when several events share a
 * millisecond). A time alone is still accepted.
 */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)(?:_([a-z0-9]{1,64}))?$/i;

export function formatActivityCursor(event: { createdAt: Date; id: string }): string {
  return `${event.createdAt.toISOString()}_${event.id}`;
}

export function parseActivityCursor(text: string): ActivityCursor | null {
  const match = CURSOR.exec(text);
  if (!match?.[1]) return null;
  const createdAt = new Date(match[1]);
  if (Number.isNaN(createdAt.getTime())) return null;
  return match[2] ? { createdAt, id: match[2] } : { createdAt };
}

/**
 * The activity log page and its CSV export read the same query string: an action prefix,
 * an API user, and `before` (the cursor of the last event of the previous page).
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
  before: z
    .string()
    .max(120)
    .refine((text) => parseActivityCursor(text) !== null)
    .optional()
    .catch(undefined),
});

export type ActivityQueryInput = z.output<typeof ActivityQuery>;

export const ACTION_PREFIXES = ["api_user.", "token.", "permissions.", "rate_limit.", "service.", "rate_table.", "customer."] as const;

export function parseActivityQuery(params: Record<string, string | string[] | undefined>): ActivityQueryInput {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return ActivityQuery.parse({ action: first(params.action), apiUser: first(params.apiUser), before: first(params.before) });
}

export function activityFilter(tenantId: string, query: ActivityQueryInput): ActivityFilter {
  return {
    tenantId,
    action: query.action || undefined,
    apiUserId: query.apiUser || undefined,
    before: (query.before && parseActivityCursor(query.before)) || undefined,
  };
}

/** One page of the log, and the `before` of the next (older) page if there is one. */
export async function activityPage(filter: ActivityFilter, size = 50) {
  const rows = await recentActivity(filter, size + 1);
  const events = rows.slice(0, size);
  const last = events.at(-1);
  return { events, older: rows.length > size && last ? formatActivityCursor(last) : null };
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

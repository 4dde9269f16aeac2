import "server-only";
import type { Environment } from "@prisma/client";
import { z } from "zod";
import { searchText } from "@/lib/server/search-text";
import { recentActivity, type ActivityCursor, type ActivityFilter } from "@/lib/activity/events";
import { findActivityUser } from "@/lib/activity/users";

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
  apiUser: searchText(64),
  before: z
    .string()
    .max(120)
    .refine((text) => parseActivityCursor(text) !== null)
    .optional()
    .catch(undefined),
});

export type ActivityQueryInput = z.output<typeof ActivityQuery>;

export const ACTION_PREFIXES = [
  "api_user.",
  "token.",
  "permissions.",
  "rate_limit.",
  "service.",
  "rate_table.",
  "customer.",
  "member.",
  "invitation.",
  "team.",
] as const;

export function parseActivityQuery(params: Record<string, string | string[] | undefined>): ActivityQueryInput {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return ActivityQuery.parse({ action: first(params.action), apiUser: first(params.apiUser), before: first(params.before) });
}

export function activityFilter(
  tenantId: string,
  query: ActivityQueryInput,
  apiUserId = query.apiUser,
  environment?: Environment,
): ActivityFilter {
  return {
    tenantId,
    environment,
    action: query.action || undefined,
    apiUserId: apiUserId || undefined,
    before: (query.before && parseActivityCursor(query.before)) || undefined,
  };
}

/**
 * The filter of the page and the export, with `apiUser` read as a username (what the
 * search-as-you-type box sends) or an API user's id (older links), of the member's tenant
 * only. A name that is no API user of the tenant filters to nothing. `environment`: the
 * member's Test / Live switch (lib/auth/environment.ts).
 */
export async function resolvedActivityFilter(tenantId: string, query: ActivityQueryInput, environment?: Environment) {
  const user = query.apiUser ? await findActivityUser(tenantId, query.apiUser) : null;
  return { filter: activityFilter(tenantId, query, user?.id ?? query.apiUser, environment), user };
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

const CSV_HEADER = "time,username,action,actor,method,path,status,ip,details\r\n";

function csvLines(rows: Row[]): string {
  return rows
    .map(
      (r) =>
        [r.createdAt.toISOString(), r.apiUser?.username, r.action, r.actor, r.method, r.path, r.status, r.ip, r.details]
          .map(csvCell)
          .join(",") + "\r\n",
    )
    .join("");
}

export function activityCsv(rows: Row[]): string {
  return CSV_HEADER + csvLines(rows);
}

/** The export holds at most this many events, the newest; a wider range needs a narrower filter. */
export const CSV_MAX_ROWS = 10_000;
const CSV_BATCH = 1_000;
// The first batch is small and each next one twice the last, up to CSV_BATCH: the first
// bytes leave once the first batch is read and the next query is short. On PGlite a query
// runs on the server's own thread, so while the next batch is read nothing is written to
// the socket: a 1,000-event second batch held the first bytes back for its whole read
// (about 0.5 s for a common action prefix on a grown log).
const CSV_FIRST_BATCH = 50;

/** The size of the batch after `sent` events: 50, 100, 200, 400, 800, then CSV_BATCH. */
function csvBatchSize(sent: number): number {
  let size = CSV_FIRST_BATCH;
  while (size <= sent && size < CSV_BATCH) size *= 2;
  return Math.min(size, CSV_BATCH);
}

/**
 * The log as CSV, streamed: the header at once, then batches (growing to CSV_BATCH events) read by
 * keyset (each batch starts where the last ended, as the page's Older link does), so memory
 * and the time to the first byte do not grow with the log. Stops after `max` events.
 */
export function activityCsvStream(filter: ActivityFilter, max = CSV_MAX_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before = filter.before;
  let sent = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_HEADER));
        return;
      }
      const batch = Math.min(csvBatchSize(sent), max - sent);
      const rows = await recentActivity({ ...filter, before }, batch);
      if (rows.length) controller.enqueue(encoder.encode(csvLines(rows)));
      sent += rows.length;
      const last = rows.at(-1);
      if (!last || rows.length < batch || sent >= max) controller.close();
      else before = { createdAt: last.createdAt, id: last.id };
    },
  });
}

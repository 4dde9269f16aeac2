import "server-only";
import type { ActivityInput } from "@/lib/activity/events";
import { USAGE_UPSERT, usageCounts } from "@/lib/activity/usage";
import { database } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { errorSummary, isDatabaseUnavailable } from "@/lib/db/errors";
import { env } from "@/lib/server/env";
import { onShutdown } from "@/lib/server/shutdown";

/** One API call's writes: its activity event and, when a token made it, the token's last use. */
export interface ApiCallRecord {
  event: ActivityInput & { createdAt: Date };
  tokenUse?: { tokenId: string; at: Date; ip: string | null };
  attempts?: number;
}

const FLUSH_EVERY_MS = 250;
const FLUSH_AT = 200;
// One statement's worth: a backlog after an outage is written in batches of this many.
const BATCH_MAX = 1_000;
// While the database cannot be reached the backlog is retried after 250 ms, 500 ms, then every
// second: a write lands within about a second of the database's return, and an outage costs
// one failed connection attempt a second.
const RETRY_MAX_MS = 1_000;
// Past the bound (ACTIVITY_QUEUE_MAX) the API refuses new calls with 503 (lib/api/route.ts);
// calls already in flight and token logins may still add this much before the oldest go.
const HEADROOM = 0.1;
// A record that keeps failing on its own (say its token row was deleted) is dropped after
// this many attempts; failures because the database is unreachable do not count.
const MAX_ATTEMPTS = 5;

/**
 * Batches activity events and token last-used updates off the request path: flushed every
 * 250 ms or every 200 records, and on shutdown (server.mjs runs the hook once every handler
 * has finished), so nothing is lost on SIGTERM.
 *
 * When the database cannot be reached (lib/db/errors.ts), the batch goes back to the head of
 * the queue, in order, and is retried with a backoff capped at one second, for as long as the
 * outage lasts: nothing is dropped for being old. Memory is bounded by `max` records: when
 * the backlog reaches it, `full` turns the API's new calls away with 503 until it drains, so
 * a call is only served when its activity can be kept (README, "Outages"). When a batch fails
 * for another reason its records are written one by one, so that one bad record cannot hold
 * back the rest; a record that still fails is retried a few times, then dropped and logged.
 */
export class ActivityQueue {
  private pending: ApiCallRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** The wait before the next retry while the database is unreachable; 0 when it is not. */
  private retryMs = 0;
  private readonly max: number;

  constructor(
    private readonly write: (records: ApiCallRecord[]) => Promise<void>,
    options: { max?: number } = {},
  ) {
    this.max = options.max ?? env().ACTIVITY_QUEUE_MAX;
  }

  get size(): number {
    return this.pending.length;
  }

  /** At its bound: the database has been unreachable for long; take no new calls until it drains. */
  get full(): boolean {
    return this.pending.length >= this.max;
  }

  push(record: ApiCallRecord): void {
    this.pending.push(record);
    const overflow = this.pending.length - Math.ceil(this.max * (1 + HEADROOM));
    if (overflow > 0) {
      this.pending.splice(0, overflow);
      console.error(`activity: ${overflow} records dropped, the backlog is past its bound of ${this.max}`);
    }
    if (this.retryMs) return; // the database is away: the scheduled retry takes this one too
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** Writes everything queued so far; resolves when it (and any flush before it) is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  /**
   * Flushes, and while records remain (the database is away) keeps retrying until `deadline`
   * (epoch ms): the shutdown hook. What is still queued then is lost, and logged.
   */
  async drain(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    await this.flush();
    while (this.pending.length && Date.now() < deadline) {
      const wait = Math.min(this.retryMs || FLUSH_EVERY_MS, deadline - Date.now());
      // Not unref'd: during shutdown nothing else may keep the process alive for the retry.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
      await this.flush();
    }
    if (this.pending.length) console.error(`activity: ${this.pending.length} records could not be written before exit`);
  }

  private async writeBatch(): Promise<void> {
    while (this.pending.length && (await this.writeChunk()));
  }

  /** Writes up to BATCH_MAX of the oldest records; false when some are left for a later try. */
  private async writeChunk(): Promise<boolean> {
    const batch = this.pending.splice(0, BATCH_MAX);
    try {
      await this.write(batch);
      this.recovered(batch.length);
      return true;
    } catch (error) {
      if (isDatabaseUnavailable(error)) return this.retryLater(batch, error);
      console.error(`activity flush of ${batch.length} records failed; writing them one by one`, error);
    }
    const failed: ApiCallRecord[] = [];
    for (const [index, record] of batch.entries()) {
      try {
        await this.write([record]);
      } catch (error) {
        if (isDatabaseUnavailable(error)) return this.retryLater([...failed, ...batch.slice(index)], error);
        const attempts = (record.attempts ?? 0) + 1;
        if (attempts < MAX_ATTEMPTS) failed.push({ ...record, attempts });
        else console.error(`activity record dropped after ${attempts} attempts: ${record.event.action} ${record.event.path ?? ""}`);
      }
    }
    if (!failed.length) return true;
    this.pending.unshift(...failed);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS * 4).unref();
    return false;
  }

  /** Puts the records back at the head, in order, and retries with backoff. */
  private retryLater(records: ApiCallRecord[], error: unknown): false {
    this.pending.unshift(...records);
    if (!this.retryMs) {
      console.warn(`activity: the database is unreachable (${errorSummary(error)}); holding ${this.pending.length} records and retrying`);
    }
    this.retryMs = this.retryMs ? Math.min(this.retryMs * 2, RETRY_MAX_MS) : FLUSH_EVERY_MS;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.retryMs).unref();
    return false;
  }

  private recovered(written: number): void {
    if (!this.retryMs) return;
    this.retryMs = 0;
    console.warn(`activity: the database is back; writing the ${written + this.pending.length} held records`);
  }
}

// Times travel as epoch milliseconds and are stored as UTC `timestamp(3)` like Prisma's DateTime.
const utc = (ms: string) => `(to_timestamp(${ms} / 1000.0) AT TIME ZONE 'UTC')::timestamp(3)`;

/**
 * A batch in one statement through the driver (not Prisma: its createMany, one update per
 * token and the rollup were three to four round trips and most of the CPU of a flush):
 * the events as one multi-row INSERT from arrays, each token's latest use in the batch as
 * one UPDATE, and the hourly rollup's upsert (lib/activity/usage.ts), as data-modifying
 * CTEs of one statement, so they commit or fail together. Ids are made here (lib/db/ids.ts)
 * as Prisma would.
 */
const WRITE_CALLS = `
  WITH events AS (
    INSERT INTO "ActivityEvent" ("id", "tenantId", "customerId", "apiUserId", "apiTokenId", "actor", "action", "method", "path", "status", "ip", "details", "createdAt")
    SELECT e.id, e.tenant_id, e.customer_id, e.api_user_id, e.api_token_id, e.actor, e.action, e.method, e.path, e.status, e.ip, e.details::jsonb, ${utc("e.at")}
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::float8[])
      AS e(id, tenant_id, customer_id, api_user_id, api_token_id, actor, action, method, path, status, ip, details, at)
  ),
  uses AS (
    UPDATE "ApiToken" t SET "lastUsedAt" = ${utc("u.at")}, "lastUsedIp" = u.ip
    FROM unnest($14::text[], $15::float8[], $16::text[]) AS u(id, at, ip)
    WHERE t."id" = u.id
  ),
  usage AS (
    SELECT v.api_user_id, v.token_id, ${utc("v.hour")} AS hour, v.success, v.client_error, v.rate_limited, v.server_error
    FROM unnest($17::text[], $18::text[], $19::float8[], $20::int[], $21::int[], $22::int[], $23::int[])
      AS v(api_user_id, token_id, hour, success, client_error, rate_limited, server_error)
  ),
  rollup AS (${USAGE_UPSERT})
  SELECT 1`;

/** The batch's events, each token's latest use in it and the usage rollup, in one statement. */
export async function writeApiCalls(records: ApiCallRecord[]): Promise<void> {
  if (!records.length) return;
  const latest = new Map<string, NonNullable<ApiCallRecord["tokenUse"]>>();
  for (const { tokenUse } of records) {
    if (tokenUse && (latest.get(tokenUse.tokenId)?.at ?? 0) <= tokenUse.at) latest.set(tokenUse.tokenId, tokenUse);
  }
  const events = records.map((r) => r.event);
  const uses = [...latest.values()];
  const usage = usageCounts(records);
  const { driver } = await database();
  await driver.withSession((session) =>
    session.query(WRITE_CALLS, [
      events.map((e) => newId(e.createdAt.getTime())),
      events.map((e) => e.tenantId),
      events.map((e) => e.customerId ?? null),
      events.map((e) => e.apiUserId ?? null),
      events.map((e) => e.apiTokenId ?? null),
      events.map((e) => e.actor),
      events.map((e) => e.action),
      events.map((e) => e.method ?? null),
      events.map((e) => e.path ?? null),
      events.map((e) => e.status ?? null),
      events.map((e) => e.ip ?? null),
      events.map((e) => (e.details === undefined ? null : JSON.stringify(e.details))),
      events.map((e) => e.createdAt.getTime()),
      uses.map((u) => u.tokenId),
      uses.map((u) => u.at.getTime()),
      uses.map((u) => u.ip),
      usage.map((u) => u.apiUserId),
      usage.map((u) => u.tokenId),
      usage.map((u) => u.hour.getTime()),
      usage.map((u) => u.success),
      usage.map((u) => u.clientError),
      usage.map((u) => u.rateLimited),
      usage.map((u) => u.serverError),
    ]),
  );
}

let appQueue: ActivityQueue | undefined;

/**
 * The app's queue, built on first use with its final flush registered as a shutdown hook:
 * the one the app's pipeline (lib/api/route.ts) and the token login write to. Tests and
 * the bench give a pipeline a `new ActivityQueue(writeApiCalls)` of their own.
 */
export function activityQueue(): ActivityQueue {
  if (!appQueue) {
    const queue = new ActivityQueue(writeApiCalls);
    onShutdown((deadline) => queue.drain(deadline));
    appQueue = queue;
  }
  return appQueue;
}

import "server-only";
import pg from "pg";
import type { SqlDriver } from "@/lib/db/driver";
import { resilientPool } from "@/lib/db/pool";
import { env } from "@/lib/server/env";
import { RATE_LIMIT_WINDOW_MS, windowState, type RateLimiter, type RateLimitState } from "./window";

// Namespace of our advisory locks ("rl" in ASCII); the second key is a hash of the user.
const LOCK_NAMESPACE = 0x726c;
const WINDOW = `${RATE_LIMIT_WINDOW_MS / 1000} seconds`;
// The database's clock, shared by every instance, as UTC `timestamp without time zone` like
// Prisma's DateTime columns; read back as epoch milliseconds (node-pg would apply the
// process's local time zone to a timestamp without time zone).
const NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;
const epochMs = (expression: string) => `(extract(epoch FROM ${expression}) * 1000)::float8`;
// Rows of users who stopped calling are swept now and then, not on every hit.
const SWEEP_EVERY_MS = 60_000;
// The limiter's transaction settings. A hit need not wait for its WAL flush: after a
// database crash the last few milliseconds of hits may be forgotten (a few extra requests
// allowed), never a wrong count while it runs. And every lookup in it is one user's range of
// the (apiUserId, at) index: the cutoff comes from the clock at run time, so the planner
// guesses a third of the user's rows expired and, for a user holding most of the table (a
// busy one), scanned the whole table to delete the one or two that were.
const TX_SETTINGS = "SET LOCAL synchronous_commit TO OFF; SET LOCAL enable_seqscan TO off; SET LOCAL enable_bitmapscan TO off";
// Keys inlined into SQL (the one-round-trip path) must be plain ids such as cuids.
const PLAIN_KEY = /^[A-Za-z0-9_-]{1,100}$/;

interface CountRow {
  count: number;
  /** The hit at blockingHitIndex(count, limit) (window.ts), in epoch ms. */
  blocking: number | null;
  now: number;
  inserted: boolean;
}

// The hit that has to leave before a request fits: window.ts's blockingHitIndex in SQL (the
// (count - limit)th oldest live hit, the oldest when under the limit), found through the
// (apiUserId, at) index with an OFFSET that is 0 unless the limit was lowered below the count.
// `held` is the CTE with the count of live hits. The scan starts at the window's start
// (`since`), past the expired hits: deleted ones not yet vacuumed (a busy user leaves
// thousands a minute), or ones not deleted yet (peek deletes nothing).
function blockingHit(key: string, limit: string, since: string): string {
  return `(SELECT "at" FROM "RateLimitHit" WHERE "apiUserId" = ${key} AND "at" > ${since}
          ORDER BY "at" OFFSET GREATEST((SELECT count FROM held) - GREATEST(${limit}, 1), 0) LIMIT 1)`;
}

/** FNV-1a as a signed 32-bit integer: the per-user half of the advisory lock key. */
export function lockKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

// After the advisory lock, first statement: the user's RateLimitCount row, created at a first
// hit and locked (ON CONFLICT DO UPDATE locks the row even when its WHERE writes nothing)
// until COMMIT. The next statement's snapshot then holds the row's latest count, and the
// sweep, which skips locked rows, leaves this user to this call.
function lockCount(key: string): string {
  return `INSERT INTO "RateLimitCount" ("apiUserId", "count") VALUES (${key}, 0)
ON CONFLICT ("apiUserId") DO UPDATE SET "count" = EXCLUDED."count" WHERE false`;
}

// The user's hits of the window so far deleted (RateLimitCount.deletedTo and before), for an
// index scan that starts there instead of at the user's first entry: deleted hits stay in the
// index until VACUUM, thousands a minute for a busy user.
function deletedTo(key: string): string {
  return `COALESCE((SELECT "deletedTo" FROM "RateLimitCount" WHERE "apiUserId" = ${key}), '-infinity')`;
}

// Second statement: deletes the user's expired hits, and the count less them is the live
// hits; it takes one more only while under the limit, the hit row going in with it, and is
// written back in the same statement (when it changed) with how far hits are now deleted.
// The blocking hit is looked up after the same cutoff.
function countAndInsert(key: string, limit: string): string {
  return `WITH t AS (SELECT ${NOW} AS now, ${NOW} - interval '${WINDOW}' AS cutoff),
     gone AS (DELETE FROM "RateLimitHit" WHERE "apiUserId" = ${key} AND "at" <= (SELECT cutoff FROM t) AND "at" > ${deletedTo(key)} RETURNING 1),
     held AS (SELECT "count" - g.n AS count, g.n FROM "RateLimitCount", (SELECT count(*)::int AS n FROM gone) AS g WHERE "apiUserId" = ${key}),
     fits AS (SELECT count < ${limit} AS yes FROM held),
     kept AS (UPDATE "RateLimitCount" AS c
              SET "count" = held.count + fits.yes::int, "deletedTo" = CASE WHEN held.n > 0 THEN (SELECT cutoff FROM t) ELSE c."deletedTo" END
              FROM held, fits WHERE c."apiUserId" = ${key} AND (held.n > 0 OR fits.yes)),
     ins AS (INSERT INTO "RateLimitHit" ("apiUserId", "at") SELECT ${key}, (SELECT now FROM t) FROM fits WHERE fits.yes RETURNING 1)
SELECT held.count, ${epochMs(blockingHit(key, limit, "(SELECT cutoff FROM t)"))} AS blocking, ${epochMs("t.now")} AS now, EXISTS (SELECT 1 FROM ins) AS inserted FROM held, t`;
}

// Expired hits of every user (those who stopped calling: a caller's own hit deletes its
// own), each user's count lowered by exactly what this statement deleted. It takes only the
// count rows no call holds (SKIP LOCKED): never waits for a call, and two sweeps at once
// (two instances) take different users.
const SWEEP = `WITH t AS (SELECT ${NOW} - interval '${WINDOW}' AS cutoff),
     users AS (SELECT "apiUserId" FROM "RateLimitCount"
               WHERE "apiUserId" IN (SELECT "apiUserId" FROM "RateLimitHit" WHERE "at" <= (SELECT cutoff FROM t)) FOR UPDATE SKIP LOCKED),
     gone AS (DELETE FROM "RateLimitHit" AS h USING users
              WHERE h."apiUserId" = users."apiUserId" AND h."at" <= (SELECT cutoff FROM t) RETURNING h."apiUserId"),
     per AS (SELECT "apiUserId", count(*)::int AS n FROM gone GROUP BY "apiUserId")
UPDATE "RateLimitCount" AS c SET "count" = c."count" - per.n, "deletedTo" = GREATEST(c."deletedTo", (SELECT cutoff FROM t))
FROM per WHERE c."apiUserId" = per."apiUserId"`;

/** Deletes every user's expired hits and lowers their counts to match (exported for the test that interleaves it with hits). */
export async function sweepExpiredHits(driver: SqlDriver): Promise<void> {
  await driver.withSession((s) => s.query(SWEEP));
}

/**
 * A limiter shared by every instance on one PostgreSQL database: one RateLimitHit row per
 * counted request and, per user, their number (RateLimitCount), so a call reads one row
 * instead of counting up to a whole window of hits. A per-user transaction-scoped advisory
 * lock serialises the check-then-insert of one user across instances, so the count is
 * exact; other users are not blocked. The lock is released by COMMIT/ROLLBACK, so a
 * crashed instance never leaves it held.
 *
 * Given a PostgreSQL URL it keeps a small pool of its own and sends BEGIN, the lock, the
 * two statements and COMMIT as one multi-statement query: one round trip instead of five
 * (each statement still takes its own snapshot, after the lock). Without one (PGlite) it
 * goes through the driver's transaction, which PGlite needs to keep its one connection
 * to itself.
 */
export function createPostgresRateLimiter(driver: () => Promise<SqlDriver>, url?: string): RateLimiter & { close(): Promise<void> } {
  let lastSweep = 0;
  const pool = url ? resilientPool(url, env().RATE_LIMIT_POOL_SIZE, "rate limiter") : null;

  async function sweep() {
    lastSweep = Date.now();
    await sweepExpiredHits(await driver());
  }

  async function oneRoundTrip(p: pg.Pool, key: string, limit: number): Promise<CountRow> {
    const client = await p.connect();
    // A lost connection: discarded on release instead of going back to the pool.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on("error", onError);
    try {
      const k = `'${key}'`;
      const sql = `BEGIN; ${TX_SETTINGS}; SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${lockKey(key)}); ${lockCount(k)}; ${countAndInsert(k, String(limit))}; COMMIT`;
      const results = (await client.query(sql)) as unknown as pg.QueryResult<CountRow>[];
      // The second statement's row: before it only COMMIT.
      const row = results.at(-2)?.rows[0];
      if (!row) throw new Error("the rate-limit query returned no row");
      return row;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: Error) => (lost ??= rollback));
      throw error;
    } finally {
      client.off("error", onError);
      client.release(lost);
    }
  }

  async function throughDriver(key: string, limit: number): Promise<CountRow> {
    const d = await driver();
    return d.withSession((session) =>
      session.transaction(async (tx) => {
        // The lock's keys are numbers, safe to inline: one call fewer.
        await tx.exec(`${TX_SETTINGS}; SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${lockKey(key)})`);
        await tx.query(lockCount("$1::text"), [key]);
        const [row] = await tx.query<CountRow>(countAndInsert("$1::text", "$2::int"), [key, limit]);
        if (!row) throw new Error("the rate-limit query returned no row");
        return row;
      }),
    );
  }

  return {
    async hit(key, limit): Promise<RateLimitState> {
      const safeLimit = Math.max(0, Math.floor(limit));
      const row = pool && PLAIN_KEY.test(key) ? await oneRoundTrip(pool, key, safeLimit) : await throughDriver(key, safeLimit);
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) void sweep().catch((error: unknown) => console.error("rate-limit sweep failed", error));
      const now = Number(row.now);
      // Allowed: under the limit before this hit, so the blocking hit is the oldest, or this one.
      const blocking = row.blocking === null ? now : Number(row.blocking);
      const count = row.count + (row.inserted ? 1 : 0);
      return windowState(count, blocking, limit, now, row.inserted);
    },
    async peek(key, limit) {
      const d = await driver();
      // The kept count less the expired hits no call has deleted yet: one snapshot sees both
      // as some transaction committed them together.
      const [row] = await d.withSession((s) =>
        s.transaction(async (tx) => {
          await tx.exec(TX_SETTINGS);
          return tx.query<Omit<CountRow, "inserted">>(
            `WITH t AS (SELECT ${NOW} AS now),
                held AS (SELECT COALESCE((SELECT "count" FROM "RateLimitCount" WHERE "apiUserId" = $1), 0)
                  - (SELECT count(*)::int FROM "RateLimitHit"
                     WHERE "apiUserId" = $1 AND "at" <= (SELECT now FROM t) - interval '${WINDOW}' AND "at" > ${deletedTo("$1")}) AS count)
           SELECT held.count, ${epochMs(blockingHit("$1", "$2::int", `(SELECT now FROM t) - interval '${WINDOW}'`))} AS blocking, ${epochMs("t.now")} AS now FROM held, t`,
            [key, Math.max(0, Math.floor(limit))],
          );
        }),
      );
      if (!row) throw new Error("the rate-limit count returned no row");
      return windowState(row.count, row.blocking === null ? null : Number(row.blocking), limit, Number(row.now), row.count < limit);
    },
    close: async () => {
      // Once: the shutdown hooks may run again in tests.
      if (pool && !pool.ended) await pool.end();
    },
  };
}

import "server-only";
import pg from "pg";
import type { SqlDriver } from "@/lib/db/driver";
import { resilientPool } from "@/lib/db/pool";
import { env } from "@/lib/server/env";
import { RATE_LIMIT_WINDOW_MS, windowState, type RateLimiter, type RateLimitState } from "./window";

// Namespace of our advisory locks ("rl" in ASCII); the second key is a hash of the user.
const LOCK_NAMESPACE = 0x726c;
// The sweep's lock, in a namespace of its own ("rm"): no user's key can be it.
const SWEEP_NAMESPACE = 0x726d;
const WINDOW = `${RATE_LIMIT_WINDOW_MS / 1000} seconds`;
// The database's clock, shared by every instance, as UTC `timestamp without time zone` like
// Prisma's DateTime columns; read back as epoch milliseconds (node-pg would apply the
// process's local time zone to a timestamp without time zone).
const NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;
const epochMs = (expression: string) => `(extract(epoch FROM ${expression}) * 1000)::float8`;
// Rows of users who stopped calling are swept now and then, not on every hit.
const SWEEP_EVERY_MS = 60_000;
// A hit need not wait for its WAL flush: after a database crash the last few milliseconds
// of hits may be forgotten (a few extra requests allowed), never a wrong count while it runs.
const NO_FSYNC = "SET LOCAL synchronous_commit TO OFF";
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
// `held` is the CTE with the count of live hits; `since`, when given, skips the expired hits
// not yet deleted (peek deletes nothing).
function blockingHit(key: string, limit: string, since?: string): string {
  return `(SELECT "at" FROM "RateLimitHit" WHERE "apiUserId" = ${key}${since ? ` AND "at" > ${since}` : ""}
          ORDER BY "at" OFFSET GREATEST((SELECT count FROM held) - GREATEST(${limit}, 1), 0) LIMIT 1)`;
}

/** FNV-1a as a signed 32-bit integer: the per-user half of the advisory lock key. */
export function lockKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

// After the lock, first statement: deletes the user's expired hits and takes them off its
// RateLimitCount in the same statement, creating the row at a first hit. The count row
// comes through the aggregate of what was deleted, so the deletes finish before the row is
// locked: the sweep (which never waits on hits, SKIP LOCKED) may wait on this row, never
// the other way round. ON CONFLICT locks the row even when nothing was deleted (no write
// then), so the sweep cannot change it before COMMIT.
function forgetExpired(key: string): string {
  return `WITH gone AS (DELETE FROM "RateLimitHit" WHERE "apiUserId" = ${key} AND "at" <= ${NOW} - interval '${WINDOW}' RETURNING 1)
INSERT INTO "RateLimitCount" AS c ("apiUserId", "count") SELECT ${key}, -count(*)::int FROM gone
ON CONFLICT ("apiUserId") DO UPDATE SET "count" = c."count" + EXCLUDED."count" WHERE EXCLUDED."count" <> 0`;
}

// Second statement: the kept count is the user's live hits now; it takes one more only while
// under the limit, and the hit row goes in with it.
function countAndInsert(key: string, limit: string): string {
  return `WITH t AS (SELECT ${NOW} AS now),
     held AS (SELECT "count" FROM "RateLimitCount" WHERE "apiUserId" = ${key}),
     took AS (UPDATE "RateLimitCount" SET "count" = "count" + 1 WHERE "apiUserId" = ${key} AND "count" < ${limit} RETURNING 1),
     ins AS (INSERT INTO "RateLimitHit" ("apiUserId", "at") SELECT ${key}, (SELECT now FROM t) WHERE EXISTS (SELECT 1 FROM took) RETURNING 1)
SELECT held.count, ${epochMs(blockingHit(key, limit))} AS blocking, ${epochMs("t.now")} AS now, EXISTS (SELECT 1 FROM ins) AS inserted FROM held, t`;
}

// Expired hits of every user (those who stopped calling: a caller's own hit deletes its
// own), each user's count lowered by exactly what this statement deleted. Rows a hit is
// deleting are skipped (that hit counts them), so the sweep never waits on a hit.
const SWEEP = `WITH gone AS (DELETE FROM "RateLimitHit" WHERE "id" IN
       (SELECT "id" FROM "RateLimitHit" WHERE "at" <= ${NOW} - interval '${WINDOW}' FOR UPDATE SKIP LOCKED) RETURNING "apiUserId"),
     per AS (SELECT "apiUserId", count(*)::int AS n FROM gone GROUP BY "apiUserId")
UPDATE "RateLimitCount" AS c SET "count" = c."count" - per.n FROM per WHERE c."apiUserId" = per."apiUserId"`;

/**
 * Deletes every user's expired hits and lowers their counts to match, in one transaction
 * that one instance at a time runs (two sweeps could lock the same count rows in opposite
 * orders). Exported for the test that interleaves it with hits.
 */
export async function sweepExpiredHits(driver: SqlDriver): Promise<void> {
  await driver.withSession((s) =>
    s.transaction(async (tx) => {
      const [row] = await tx.query<{ mine: boolean }>("SELECT pg_try_advisory_xact_lock($1::int, $2::int) AS mine", [SWEEP_NAMESPACE, 0]);
      if (row?.mine) await tx.exec(SWEEP);
    }),
  );
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
      const sql = `BEGIN; ${NO_FSYNC}; SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${lockKey(key)}); ${forgetExpired(k)}; ${countAndInsert(k, String(limit))}; COMMIT`;
      const results = (await client.query(sql)) as unknown as pg.QueryResult<CountRow>[];
      const row = results[4]?.rows[0];
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
        await tx.exec(NO_FSYNC);
        await tx.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [LOCK_NAMESPACE, lockKey(key)]);
        await tx.query(forgetExpired("$1::text"), [key]);
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
        s.query<Omit<CountRow, "inserted">>(
          `WITH t AS (SELECT ${NOW} AS now),
                held AS (SELECT COALESCE((SELECT "count" FROM "RateLimitCount" WHERE "apiUserId" = $1), 0)
                  - (SELECT count(*)::int FROM "RateLimitHit" WHERE "apiUserId" = $1 AND "at" <= (SELECT now FROM t) - interval '${WINDOW}') AS count)
           SELECT held.count, ${epochMs(blockingHit("$1", "$2::int", `(SELECT now FROM t) - interval '${WINDOW}'`))} AS blocking, ${epochMs("t.now")} AS now FROM held, t`,
          [key, Math.max(0, Math.floor(limit))],
        ),
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

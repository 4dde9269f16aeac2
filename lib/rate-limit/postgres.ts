import type { SqlDriver } from "@/lib/db/driver";
import { RATE_LIMIT_WINDOW_MS, windowState, type RateLimiter } from "./window";

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

/**
 * A limiter shared by every instance on one PostgreSQL database: one RateLimitHit row per
 * counted request. A per-user transaction-scoped advisory lock serialises the
 * count-then-insert of one user across instances, so the count is exact; other users
 * are not blocked. The lock is released by COMMIT/ROLLBACK, so a crashed instance
 * never leaves it held.
 */
export function createPostgresRateLimiter(driver: () => Promise<SqlDriver>): RateLimiter {
  let lastSweep = 0;

  async function sweep(d: SqlDriver) {
    lastSweep = Date.now();
    await d.withSession((s) => s.query(`DELETE FROM "RateLimitHit" WHERE "at" <= ${NOW} - interval '${WINDOW}'`));
  }

  return {
    async hit(key, limit) {
      const d = await driver();
      const row = await d.withSession((session) =>
        session.transaction(async (tx) => {
          await tx.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", [LOCK_NAMESPACE, key]);
          // One statement after the lock: its snapshot sees every hit committed before.
          const [result] = await tx.query<{ count: number; oldest: number | null; now: number; inserted: boolean }>(
            `WITH t AS (SELECT ${NOW} AS now),
                  gone AS (DELETE FROM "RateLimitHit" WHERE "apiUserId" = $1 AND "at" <= (SELECT now FROM t) - interval '${WINDOW}'),
                  live AS (SELECT count(*)::int AS count, min("at") AS oldest FROM "RateLimitHit"
                           WHERE "apiUserId" = $1 AND "at" > (SELECT now FROM t) - interval '${WINDOW}'),
                  ins AS (INSERT INTO "RateLimitHit" ("apiUserId", "at")
                          SELECT $1, (SELECT now FROM t) WHERE (SELECT count FROM live) < $2 RETURNING "at")
             SELECT live.count, ${epochMs("live.oldest")} AS oldest, ${epochMs("t.now")} AS now, EXISTS (SELECT 1 FROM ins) AS inserted FROM live, t`,
            [key, limit],
          );
          return result!;
        }),
      );
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) void sweep(d).catch((error: unknown) => console.error("rate-limit sweep failed", error));
      const now = Number(row.now);
      const oldest = row.oldest === null ? now : Number(row.oldest);
      const count = row.count + (row.inserted ? 1 : 0);
      return windowState(count, oldest, limit, now, row.inserted);
    },
    async peek(key, limit) {
      const d = await driver();
      const [row] = await d.withSession((s) =>
        s.query<{ count: number; oldest: number | null; now: number }>(
          `SELECT count(*)::int AS count, ${epochMs('min("at")')} AS oldest, ${epochMs(NOW)} AS now FROM "RateLimitHit"
           WHERE "apiUserId" = $1 AND "at" > ${NOW} - interval '${WINDOW}'`,
          [key],
        ),
      );
      if (!row) throw new Error("the rate-limit count returned no row");
      return windowState(row.count, row.oldest === null ? null : Number(row.oldest), limit, Number(row.now), row.count < limit);
    },
  };
}

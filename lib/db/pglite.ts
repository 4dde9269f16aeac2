import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlDriver, SqlSession } from "./driver";

/**
 * PGlite runs no background processes: no autovacuum gathers statistics (the planner then
 * takes every table for empty and picks plans 100–500 ms slower on a grown database) and no
 * checkpointer recycles the write-ahead log (1.1 GB beside 957 MB of data, issue 18). So a
 * database in a folder starts with a small max_wal_size (a checkpoint then keeps 128 MB of
 * log, not 1 GB) and the process runs VACUUM (ANALYZE) and CHECKPOINT itself, every
 * MAINTENANCE_MS. Queries wait meanwhile (one connection); after the first run VACUUM
 * skips the pages it has seen, so a run costs little.
 */
const MAINTENANCE_MS = 10 * 60 * 1000;
const WAL_SETTINGS = ["-c", "max_wal_size=128MB", "-c", "min_wal_size=32MB"];
// PostgreSQL's default 128 MB of shared buffers stay, resident in PGlite's WebAssembly memory:
// 32 MB saved about 100 MB of the server's RSS (issue 13) but made the pages of a grown
// database 1.3-1.6x slower than with 128 MB (npm run bench:pages, issue 18): its hot indexes
// no longer fit, and every page past the buffers is a copy out of the file cache.

export function createPgliteDriver(dataDir: string): SqlDriver {
  const inFolder = !dataDir.includes("://");
  if (inFolder) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...(inFolder ? WAL_SETTINGS : [])],
  });
  const timer = inFolder ? startMaintenance(pglite) : null;
  return {
    kind: "pglite",
    adapter: new PrismaPGlite(pglite),
    // PGlite is one connection: every session is that connection.
    withSession: (fn) => fn(pgliteSession(pglite)),
    close: async () => {
      if (timer) clearInterval(timer);
      await pglite.close();
    },
  };
}

function startMaintenance(pglite: PGlite): NodeJS.Timeout {
  const timer = setInterval(() => void maintain(pglite), MAINTENANCE_MS);
  // Never keeps a script or a test alive.
  timer.unref();
  return timer;
}

/** Statistics for the planner, the visibility map for index-only scans, and a bounded log. */
async function maintain(pglite: Pick<PGlite, "exec" | "closed">): Promise<void> {
  if (pglite.closed) return;
  try {
    await pglite.exec("VACUUM (ANALYZE)");
    await pglite.exec("CHECKPOINT");
  } catch (error) {
    if (!pglite.closed) console.error("PGlite maintenance failed:", error);
  }
}

function pgliteSession(db: PGlite): SqlSession {
  return {
    ...queries(db),
    transaction: (fn) => db.transaction((tx) => fn(queries(tx))),
  };
}

function queries(db: PGlite | Transaction) {
  return {
    exec: async (script: string) => {
      await db.exec(script);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
  };
}

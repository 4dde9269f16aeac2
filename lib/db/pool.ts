import "server-only";
import pg from "pg";

/**
 * A pg pool that survives the database going away: a connection attempt gives up after
 * CONNECT_TIMEOUT_MS (a request answers 503 instead of hanging), and an idle connection the
 * server drops is logged and discarded instead of becoming an uncaught exception (pg emits
 * `error` on the pool, and an EventEmitter with no listener throws). The next query opens a
 * new connection, so service resumes as soon as the database does.
 */
export function resilientPool(url: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on("error", (error) => logDropped(name, error));
  return pool;
}

/** How long opening a connection may take before the query fails (and the API answers 503). */
const CONNECT_TIMEOUT_MS = 5_000;
// One line per pool per outage, not one per dropped connection.
const LOG_EVERY_MS = 10_000;
const lastLogged = new Map<string, number>();

function logDropped(name: string, error: Error) {
  const now = Date.now();
  if (now - (lastLogged.get(name) ?? 0) < LOG_EVERY_MS) return;
  lastLogged.set(name, now);
  console.warn(`PostgreSQL (${name} pool): an idle connection was lost (${error.message}); the next query reconnects`);
}

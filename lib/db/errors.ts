import "server-only";
// The one place that reads database errors from either driver. Prisma wraps what the
// driver threw in its own errors (a P-code, the adapter's DriverAdapterError under
// meta.driverAdapterError or cause), and errors the adapter does not map (node-pg's
// "Connection terminated unexpectedly") arrive as they are: every test walks the chain.

// A unique violation arrives as P2002 through adapter-pg, as a raw DriverAdapterError
// (cause.code 23505) through the PGlite adapter, and as the SQLSTATE itself from a query
// sent through the driver (lib/db/driver.ts). All are answered here.
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } };
  return e.code === "P2002" || e.code === "23505" || e.cause?.code === "23505" || e.cause?.originalCode === "23505";
}

// Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection
// (P1017), pool timeout (P2024), too many connections (P2037).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
// The driver adapter's error kinds for the same (@prisma/driver-adapter-utils).
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Node's socket errors.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
// PostgreSQL's SQLSTATEs: class 08 (connection exception), 57P01-57P03 (shut down by the
// administrator, crash, "the database system is starting up"), 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
// node-pg's own errors (no code), and PGlite after close().
const MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Cannot use a pool after calling end on the pool",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "Can't reach database server",
  "Server has closed the connection",
  "PGlite is closed",
];
// Prisma's P2028 (transaction API) in two transient cases: the connection under a transaction
// died mid-way ("Transaction already closed: A rollback cannot be executed on a committed
// transaction": it is atomic, so nothing is half-written; whether a failed COMMIT landed is
// unknowable, and an Idempotency-Key makes the retry safe), and no connection to start one on
// within its wait (the pool cannot connect, or is exhausted).
const TRANSIENT_TRANSACTION = ["Transaction already closed", "Unable to start a transaction in the given time"];

/**
 * True when the error means the database cannot be reached right now (refused, dropped,
 * timed out, restarting, out of connections), from PostgreSQL through Prisma, node-pg or
 * the rate limiter's own pool, or PGlite once closed: the API answers 503
 * `service_unavailable` (lib/api/route.ts) instead of 500, and the request may be retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      errors?: unknown;
    };
    if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
    if (typeof e.originalCode === "string" && SQLSTATE.test(e.originalCode)) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && MESSAGES.some((m) => (e.message as string).includes(m))) return true;
    if (e.code === "P2028" && typeof e.message === "string" && TRANSIENT_TRANSACTION.some((m) => (e.message as string).includes(m))) {
      return true;
    }
    queue.push(e.cause, e.meta?.driverAdapterError);
    // AggregateError (a failed connect to every address of a host name).
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return false;
}

/** One line for a log: Prisma's messages start with the call site and end with the cause. */
export function errorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split("\n")
      .filter((line) => line.trim())
      .at(-1)
      ?.trim() ?? message
  );
}

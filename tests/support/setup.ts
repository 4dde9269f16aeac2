import { afterAll, vi } from "vitest";

// One database per Vitest worker: with `isolate: false` (vitest.config.ts) a worker runs
// file after file in one process, and the database lives on globalThis (lib/db), so it is
// opened and migrated once, by the first file that needs it, and never closed by a file.
// In-memory PGlite unless DATABASE_URL points at PostgreSQL (then every worker shares
// that one database). Tests never count on an empty database: each makes its own tenant.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";

// The process's other singletons, as lib/ keeps them.
const processState = globalThis as unknown as {
  courierShutdownHooks?: (() => Promise<void>)[];
  courierActivityQueue?: unknown;
  courierRateLimiter?: unknown;
  courierTokenCache?: unknown;
  courierCredentialListeners?: Set<unknown>;
};

// Each file still starts as a fresh server would, but for the database: a file that
// tunes the token cache or closes the limiter through the shutdown hooks (as
// activity-queue.test.ts does) must not leave that to whichever file runs next.
afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  // What server.mjs does on SIGTERM: flush the activity queue, close the limiter's pool.
  for (const hook of processState.courierShutdownHooks?.splice(0) ?? []) await hook();
  processState.courierActivityQueue = undefined;
  processState.courierRateLimiter = undefined;
  processState.courierTokenCache = undefined;
  // Cleared in place: lib/credentials/events.ts holds this very set.
  processState.courierCredentialListeners?.clear();
});

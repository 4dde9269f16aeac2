import { afterAll, beforeAll, vi } from "vitest";
import { resetEnv } from "@/lib/server/env";
import { activityQueue } from "@/lib/api/activity-queue";
import { database } from "@/lib/db";

// One database per Vitest worker: with `isolate: false` (vitest.config.ts) a worker runs
// file after file in one process, and the database lives on globalThis (lib/db), so it is
// opened and migrated once, by the first file that needs it, and never closed by a file.
// In-memory PGlite unless DATABASE_URL points at PostgreSQL (then every worker shares
// that one database). Tests never count on an empty database: each makes its own tenant.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";

// Opened and migrated before a file's tests, under the hook's timeout (60 s): on a busy
// machine booting PGlite and applying every migration took longer than the first test's 30 s.
// A no-op for every file after the worker's first.
beforeAll(async () => {
  await database();
}, 120_000);

// Each file leaves the process as it found it, but for the database: stubbed variables
// are restored (and the configuration parsed again), and the app's activity queue is
// written out. The shutdown hooks stay registered: a file that runs them (as server.mjs
// does on SIGTERM) must find the app's flush among them, whichever file made the queue.
afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetEnv();
  await activityQueue().flush();
});

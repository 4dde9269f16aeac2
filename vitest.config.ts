import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Run through `npm run test:unit`, which runs this suite on PGlite and again on
// PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests are server code: "server-only" is the marker's empty build, as under react-server.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Files share their worker's process, and so its one database (tests/support/setup.ts):
    // booting and migrating a database per file was most of the suite's time.
    isolate: false,
    // Vitest's default is one worker fewer than the cores, so a single worker on two cores;
    // but api-login.test.ts spends ~5 s asleep in the sign-in throttle's delays, and a
    // second worker runs the other files meanwhile (measured ~10 s vs ~12 s on 2 cores).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["tests/support/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

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
    setupFiles: ["tests/support/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

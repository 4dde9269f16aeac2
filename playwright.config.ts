import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// The same specs run against a server on PGlite and, when TEST_DATABASE_URL is set, one
// on PostgreSQL; each starts from a fresh database (scripts/e2e-server.ts).
// E2E_PORT moves both servers (for two test runs side by side).
const base = Number(process.env.E2E_PORT ?? 3201);
const servers = [{ name: "pglite", port: base }];
if (process.env.TEST_DATABASE_URL) servers.push({ name: "postgres", port: base + 1 });

const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      // Without the background-networking flags Chromium keeps dialling the closed network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: servers.map((s) => ({ name: s.name, use: { baseURL: `http://127.0.0.1:${s.port}` } })),
  webServer: servers.map((s) => ({
    command: `npx tsx scripts/e2e-server.ts ${s.name} ${s.port}`,
    url: `http://127.0.0.1:${s.port}/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
  })),
});

// What both benches do around the server: start the built app on a port of its own, stop it
// as a deployment would, sign an API user in, and read the bench database directly.
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { BENCH_DIST } from "./build";

export type Env = Record<string, string | undefined>;

/** The body of the benches' POST /v1/shipments (a seeded fixture's STANDARD service). */
export const SHIPMENT = JSON.stringify({
  service: "STANDARD",
  reference: "BENCH",
  sender: { name: "Dispatch", street1: "Lagerweg 12", city: "Hamburg", postal_code: "20539", country: "DE" },
  recipient: { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" },
  parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
});

/** `node server.mjs` on the bench build; resolves once `readyPath` answers 2xx. */
export async function startServer(env: Env, port: number, readyPath: string): Promise<ChildProcess> {
  const server = spawn("node", ["server.mjs"], {
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill("SIGTERM");
  throw new Error("the server did not start");
}

/** SIGTERM, as a deployment would: server.mjs finishes requests and flushes the activity queue. */
export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
  });
}

/** A token through POST /v1/auth/token. */
export async function apiLogin(
  port: number,
  clientId: string,
  body: { username: string; password: string; name: string },
): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Tenant": clientId },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`API login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { token: string } }).data.token;
}

/** SQL on the bench database while no server holds it (PGlite is one process). */
export async function withSql<T>(env: Env, fn: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return await fn(async (sql) => (await client.query(sql)).rows);
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(env.PGLITE_DIR);
  try {
    return await fn(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await db.close();
  }
}

// Starts one end-to-end server on a fresh database: `tsx scripts/e2e-server.ts pglite 3201`
// or `... postgres 3202` (a database of its own created next to TEST_DATABASE_URL's).
// The production build must exist (npm run test:e2e builds first).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import pg from "pg";

const [kind = "pglite", port = "3201"] = process.argv.slice(2);
// Test mode runs 10× faster here (lib/couriers/test-clock.ts): a TEST shipment is picked up
// after 6 s instead of a minute and stays picked up for 6 s more, long enough for a spec to
// look at it. Only TEST-environment objects read this clock.
const E2E_TEST_TIME_SCALE = 10;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NODE_ENV: "production",
  DATABASE_URL: "",
  TEST_MODE_TIME_SCALE: String(E2E_TEST_TIME_SCALE),
  // e2e/credential-policy.spec.ts serves the secret scanner's public keys here (this server's port + 10).
  SECRET_SCANNING_KEYS_URL: `http://127.0.0.1:${Number(port) + 10}/meta/public_keys/secret_scanning`,
};

if (kind === "postgres") {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `courier_e2e_${port}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  // lib/secrets needs configured keys on PostgreSQL; a fresh database takes a fresh key.
  env.SECRET_KEYS ||= `e2e:${randomBytes(32).toString("base64")}`;
} else {
  const dir = `./data/e2e-${port}`;
  rmSync(dir, { recursive: true, force: true });
  env.PGLITE_DIR = dir;
}

const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-prepare.ts", "--seed", "--fixtures"], {
  stdio: "inherit",
  env,
});
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

// The server's output also goes to data/e2e-<port>.log, for specs that check what it logs
// (e2e/carrier-auths.spec.ts: never a secret value).
const log = createWriteStream(`./data/e2e-${port}.log`);
const server = spawn("node", ["server.mjs"], { stdio: ["ignore", "pipe", "pipe"], env });
server.stdout.on("data", (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
server.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

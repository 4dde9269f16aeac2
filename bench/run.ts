// npm run bench: requests/s and latency of a bare route (GET /api/v1/health/live: no token, no
// database) against authenticated GET /v1/me (the whole pipeline: token lookup, X-Tenant,
// rate limit, activity + last-used queue, and the route's own queries), on the production
// server (node server.mjs) over PGlite and over PostgreSQL, each also with the
// verified-token cache on. Prints one table and the ratio authenticated/bare.
//
// Bare and authenticated runs alternate for BENCH_ROUNDS rounds and each row is the median
// round (by requests/s), so a burst of load from elsewhere on the machine skews one round, not a row.
//
//   BENCH_SECONDS=5 (per round)  BENCH_ROUNDS=3  BENCH_CONNECTIONS=20  BENCH_PORT=3601
//   TEST_DATABASE_URL=postgres://...     (else postgres://postgres@127.0.0.1:5432; skipped if unreachable)
//   BENCH_REBUILD=1                      (build .next-bench even when it looks current)
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { buildIfNeeded } from "./build";
import { apiLogin, startServer, stopServer, withSql, type Env } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3601);
const USERNAME = "e2e-tenant"; // a fixture user with a limit of 100 000/min: the limiter runs but never refuses
const PASSWORD = "e2e-password";

interface Row {
  database: string;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

const rows: Row[] = [];
const notes: string[] = [];
const pipeline: string[] = [];

buildIfNeeded();
await benchDatabase("PGlite", await pgliteEnv());
const postgres = await postgresEnv();
if (postgres) await benchDatabase("PostgreSQL", postgres);
else notes.push("PostgreSQL skipped: no server reachable at TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432.");
report();

// ---- setup -------------------------------------------------------------------------

async function pgliteEnv(): Promise<Env> {
  const dir = "./data/bench-pglite";
  rmSync(dir, { recursive: true, force: true });
  return { PGLITE_DIR: dir, DATABASE_URL: "" };
}

async function postgresEnv(): Promise<Env | null> {
  const base = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  // Beside the test database (courier_x → courier_x_bench), so parallel worktrees don't share one.
  const url = new URL(base);
  const name = `${url.pathname.slice(1) || "courier"}_bench`.replace(/^postgres_bench$/, "courier_bench");
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

/** Seeds the demo tenant and the fixture API users; returns the tenant's Client ID. */
function seed(env: Env): string {
  const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-prepare.ts", "--seed", "--fixtures"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (prepared.status !== 0) throw new Error(`db-prepare failed:\n${prepared.stderr}`);
  const clientId = /Client ID (CC-[0-9A-Z]+)/.exec(prepared.stdout)?.[1];
  if (!clientId) throw new Error("db-prepare printed no Client ID");
  return clientId;
}

// ---- measuring ---------------------------------------------------------------------

async function measure(url: string, headers: Record<string, string> = {}, seconds = SECONDS) {
  return autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
}

async function benchDatabase(name: string, env: Env) {
  console.log(`\n▶ ${name}: seeding`);
  const clientId = seed(env);
  for (const cache of ["0", "30000"]) {
    const server = await startServer({ ...env, API_TOKEN_CACHE_MS: cache }, PORT, "/api/v1/health/live");
    let authenticatedResponses = 0;
    try {
      const token = await apiLogin(PORT, clientId, { username: USERNAME, password: PASSWORD, name: "bench" });
      const auth = { Authorization: `Bearer ${token}`, "X-Tenant": clientId };
      const base = `http://127.0.0.1:${PORT}`;
      console.log(`▶ ${name}: warming up (token cache ${cache === "0" ? "off" : `${Number(cache) / 1000} s`})`);
      await measure(`${base}/api/v1/health/live`, {}, 2);
      authenticatedResponses += (await measure(`${base}/v1/me`, auth, 2)).requests.total;
      const bare: autocannon.Result[] = [];
      const me: autocannon.Result[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        console.log(`▶ ${name}: round ${round}/${ROUNDS}, ${SECONDS} s each`);
        if (cache === "0") bare.push(await measure(`${base}/api/v1/health/live`));
        const result = await measure(`${base}/v1/me`, auth);
        authenticatedResponses += result.requests.total;
        me.push(result);
      }
      if (cache === "0") rows.push(row(name, "bare: GET /api/v1/health/live", median(bare)));
      rows.push(row(name, `auth: GET /v1/me${cache === "0" ? "" : " (token cache on)"}`, median(me)));
    } finally {
      await stopServer(server);
    }
    const written = await countActivity(env, "me.read");
    const verdict = written >= authenticatedResponses ? "none lost" : "EVENTS LOST";
    notes.push(
      `${name}, token cache ${cache === "0" ? "off" : "on"}: ${written} me.read activity events in the database after SIGTERM for ${authenticatedResponses} responses autocannon counted (${verdict}; requests in flight when a run ends are served and logged but not counted).`,
    );
    await truncateActivity(env);
  }
  console.log(`▶ ${name}: the pipeline alone, in-process`);
  const inProcess = spawnSync("npx", ["tsx", "--conditions=react-server", "bench/pipeline.ts"], {
    env: { ...process.env, ...env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  const measured = /\{.*\}/.exec(inProcess.stdout)?.[0];
  if (inProcess.status !== 0 || !measured) throw new Error(`bench/pipeline.ts failed:\n${inProcess.stderr}`);
  const { bareMs, authMs, memoryLimiterMs, calls } = JSON.parse(measured) as {
    bareMs: number;
    authMs: number;
    memoryLimiterMs: number | null;
    calls: number;
  };
  const withMemory =
    memoryLimiterMs === null ? "" : `; with the in-memory limiter instead of PostgreSQL's ${(memoryLimiterMs - bareMs).toFixed(3)} ms`;
  pipeline.push(
    `${name}: ${calls} sequential calls; publicRoute ${bareMs.toFixed(3)} ms, apiRoute ${authMs.toFixed(3)} ms per call: the pipeline costs ${(authMs - bareMs).toFixed(3)} ms${withMemory}.`,
  );
}

function median(results: autocannon.Result[]): autocannon.Result {
  const sorted = [...results].sort((a, b) => a.requests.average - b.requests.average);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function row(database: string, scenario: string, result: autocannon.Result): Row {
  return {
    database,
    scenario,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

function countActivity(env: Env, action: string) {
  return withSql(env, async (query) =>
    Number((await query(`SELECT count(*)::int AS n FROM "ActivityEvent" WHERE action = '${action}'`))[0]?.n ?? 0),
  );
}

function truncateActivity(env: Env) {
  return withSql(env, (query) => query(`DELETE FROM "ActivityEvent" WHERE action = 'me.read'`));
}

// ---- report ------------------------------------------------------------------------

function report() {
  const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);
  console.log(
    `\nnode server.mjs, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${SECONDS} s (autocannon), Node ${process.version}\n`,
  );
  console.log(
    `${"database".padEnd(11)} ${"route".padEnd(36)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"non-2xx".padStart(8)} ${"auth/bare".padStart(10)}`,
  );
  for (const r of rows) {
    const bare = rows.find((b) => b.database === r.database && b.scenario.startsWith("bare"));
    const ratio = r.scenario.startsWith("auth") && bare ? `${(r.rps / bare.rps).toFixed(2)}`.padStart(10) : "".padStart(10);
    console.log(
      `${r.database.padEnd(11)} ${r.scenario.padEnd(36)} ${fmt(r.rps)} ${fmt(r.p50, 1)} ${fmt(r.p99, 1)} ${fmt(r.non2xx)} ${ratio}`,
    );
  }
  console.log("\nThe pipeline alone (bench/pipeline.ts: a trivial handler, in-process, no HTTP):");
  for (const line of pipeline) console.log(`- ${line}`);
  console.log("\nActivity after SIGTERM:");
  for (const note of notes) console.log(`- ${note}`);
}

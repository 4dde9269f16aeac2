// npm run bench: the API's hot path on the production server (node server.mjs) over PGlite
// and over PostgreSQL, with the app's defaults (token cache on): requests/s and latency of a
// bare route (GET /api/v1/health/live: no token, no database) against GET /v1/me,
// GET /v1/services, GET /v1/shipments/{awb} and POST /v1/shipments (the whole pipeline and
// each route's own queries). On PostgreSQL GET /v1/me runs again on each rate-limit store
// (memory, PostgreSQL, Redis when one answers). Then the pipeline's in-process cost and, on
// PostgreSQL, the cross-instance invalidation delay between two servers.
//
// In each round every route runs once, one after the other, and its ratio to the bare
// route of the same round is taken; each row is the median round (by requests/s) and the
// median ratio, so a burst of load from elsewhere on the machine skews one round, not a row.
// RSS is the server's largest resident set seen during the rows (sampled each second).
//
//   BENCH_SECONDS=5 (per route and round)  BENCH_ROUNDS=3  BENCH_CONNECTIONS=20  BENCH_PORT=3601
//   BENCH_CHANGES=100 (revocations timed across instances)
//   TEST_DATABASE_URL=postgres://...  (the bench uses <its database>_bench beside it; skipped if unreachable)
//   BENCH_REDIS_URL=redis://127.0.0.1:6379/0   BENCH_REBUILD=1 (build .next-bench even when it looks current)
import { spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { buildIfNeeded } from "./build";
import { measureInvalidation } from "./invalidation";
import { apiLogin, SHIPMENT, startServer, stopServer, withSql, type Env } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3601);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const USERNAME = "e2e-tenant"; // a fixture user with a limit of 100 000/min: the limiter runs but never refuses
const PASSWORD = "e2e-password";
const BARE = "bare GET /api/v1/health/live";

interface Row {
  database: string;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  ratio: number | null;
  rssMb: number;
}

interface Scenario {
  name: string;
  path: string;
  method?: "POST";
  body?: string;
  auth: boolean;
}

const rows: Row[] = [];
const notes: string[] = [];
const pipeline: string[] = [];
const invalidation: string[] = [];
const loadAtStart = os.loadavg();
/** GET /v1/me responses autocannon counted per database: each must have left its activity event. */
const servedMe = new Map<string, number>();

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

async function measure(scenario: Scenario, headers: Record<string, string>, seconds = SECONDS) {
  const base = `http://127.0.0.1:${PORT}`;
  return autocannon({
    url: `${base}${scenario.path}`,
    method: scenario.method ?? "GET",
    body: scenario.body,
    headers: { ...(scenario.auth ? headers : {}), ...(scenario.body ? { "content-type": "application/json" } : {}) },
    connections: CONNECTIONS,
    duration: seconds,
  });
}

/** The largest RSS of `server` while `run` runs, in MB (Linux /proc; 0 elsewhere). */
async function withRss<T>(server: ChildProcess, run: () => Promise<T>): Promise<[T, number]> {
  let max = 0;
  const sample = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0);
      max = Math.max(max, kb / 1024);
    } catch {
      // not Linux, or gone
    }
  };
  const timer = setInterval(sample, 1000);
  try {
    const result = await run();
    sample();
    return [result, max];
  } finally {
    clearInterval(timer);
  }
}

/** Alternating rounds of the scenarios on a running server; pushes one row per scenario. */
async function rounds(database: string, server: ChildProcess, scenarios: Scenario[], headers: Record<string, string>, label = "") {
  const results = new Map<string, { result: autocannon.Result; ratio: number | null }[]>();
  const [, rss] = await withRss(server, async () => {
    for (const scenario of scenarios) {
      const warm = await measure(scenario, headers, 1);
      if (scenario.path === "/v1/me") servedMe.set(database, (servedMe.get(database) ?? 0) + warm.requests.total);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`▶ ${database}${label}: round ${round}/${ROUNDS}, ${SECONDS} s per route`);
      let bare: number | null = null;
      for (const scenario of scenarios) {
        const result = await measure(scenario, headers);
        if (scenario.path === "/v1/me") servedMe.set(database, (servedMe.get(database) ?? 0) + result.requests.total);
        if (scenario.name === BARE) bare = rps(result);
        const list = results.get(scenario.name) ?? [];
        list.push({ result, ratio: scenario.name === BARE || bare === null ? null : rps(result) / bare });
        results.set(scenario.name, list);
      }
    }
  });
  for (const scenario of scenarios) {
    const list = results.get(scenario.name)!;
    const result = median(
      list.map((r) => r.result),
      rps,
    );
    const ratios = list.map((r) => r.ratio).filter((r): r is number => r !== null);
    rows.push({
      database,
      scenario: `${scenario.name}${label}`,
      rps: rps(result),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: list.reduce((sum, r) => sum + r.result.non2xx, 0),
      ratio: ratios.length ? median(ratios, (r) => r) : null,
      rssMb: rss,
    });
  }
}

async function benchDatabase(name: string, env: Env) {
  console.log(`\n▶ ${name}: seeding`);
  const clientId = seed(env);
  const server = await startServer(env, PORT, "/api/v1/health/live");
  let awb = "";
  try {
    const token = await apiLogin(PORT, clientId, { username: USERNAME, password: PASSWORD, name: "bench" });
    const headers = { Authorization: `Bearer ${token}`, "X-Tenant": clientId };
    const created = await fetch(`http://127.0.0.1:${PORT}/v1/shipments`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: SHIPMENT,
    });
    if (created.status !== 201) throw new Error(`POST /v1/shipments answered ${created.status}: ${await created.text()}`);
    awb = ((await created.json()) as { data: { awb: string } }).data.awb;
    await rounds(
      name,
      server,
      [
        { name: BARE, path: "/api/v1/health/live", auth: false },
        { name: "GET /v1/me", path: "/v1/me", auth: true },
        { name: "GET /v1/services", path: "/v1/services", auth: true },
        { name: "GET /v1/shipments/{awb}", path: `/v1/shipments/${awb}`, auth: true },
        { name: "POST /v1/shipments", path: "/v1/shipments", method: "POST", body: SHIPMENT, auth: true },
      ],
      headers,
    );
  } finally {
    await stopServer(server);
  }
  const written = await countActivity(env, "me.read");
  const counted = servedMe.get(name) ?? 0;
  notes.push(
    `${name}: ${written} me.read activity events in the database after SIGTERM for ${counted} responses autocannon counted (${written >= counted ? "none lost" : "EVENTS LOST"}; requests in flight when a run ends are served and logged but not counted).`,
  );
  await truncateActivity(env);

  if (env.DATABASE_URL) {
    for (const store of ["memory", "postgres", "redis"] as const) {
      if (store === "redis" && !(await redisAnswers())) {
        notes.push(`Redis store skipped: nothing answers at ${REDIS_URL}.`);
        continue;
      }
      const storeEnv = {
        ...env,
        RATE_LIMIT_STORE: store,
        REDIS_URL: store === "redis" ? REDIS_URL : undefined,
        REDIS_KEY_PREFIX: `bench:${process.pid}:`,
      };
      const limited = await startServer(storeEnv, PORT, "/api/v1/health/live");
      try {
        const token = await apiLogin(PORT, clientId, { username: USERNAME, password: PASSWORD, name: "bench" });
        const headers = { Authorization: `Bearer ${token}`, "X-Tenant": clientId };
        await rounds(
          name,
          limited,
          [
            { name: BARE, path: "/api/v1/health/live", auth: false },
            { name: "GET /v1/me", path: "/v1/me", auth: true },
          ],
          headers,
          `, ${store} limiter`,
        );
      } finally {
        await stopServer(limited);
      }
      await truncateActivity(env);
    }
    console.log(`▶ ${name}: cross-instance invalidation, two servers`);
    invalidation.push(await measureInvalidation(env, clientId, PORT, { username: USERNAME, password: PASSWORD }));
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
    memoryLimiterMs === null
      ? ""
      : `; with the in-memory limiter instead of PostgreSQL's it costs ${(memoryLimiterMs - bareMs).toFixed(3)} ms`;
  pipeline.push(
    `${name}: ${calls} sequential calls; publicRoute ${bareMs.toFixed(3)} ms, apiRoute ${authMs.toFixed(3)} ms per call: the pipeline costs ${(authMs - bareMs).toFixed(3)} ms${withMemory}.`,
  );
}

async function redisAnswers(): Promise<boolean> {
  const { Redis } = await import("ioredis");
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, enableOfflineQueue: false });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Responses per second over the run (autocannon's per-second average reads 0 for runs of a second). */
function rps(result: autocannon.Result): number {
  return result.requests.total / Math.max(result.duration, 0.001);
}

function median<T>(items: T[], by: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => by(a) - by(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

function countActivity(env: Env, action: string) {
  return withSql(env, async (query) =>
    Number((await query(`SELECT count(*)::int AS n FROM "ActivityEvent" WHERE action = '${action}'`))[0]?.n ?? 0),
  );
}

function truncateActivity(env: Env) {
  return withSql(env, (query) => query(`DELETE FROM "ActivityEvent" WHERE "apiUserId" IS NOT NULL AND "method" IS NOT NULL`));
}

// ---- report ------------------------------------------------------------------------

function report() {
  const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
  console.log(
    `\nnode server.mjs, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${SECONDS} s per route (autocannon), Node ${process.version}, ${os.cpus().length} cores; load average ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end\n`,
  );
  console.log(
    `${"database".padEnd(11)} ${"route".padEnd(48)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"non-2xx".padStart(8)} ${"/bare".padStart(6)} ${"RSS MB".padStart(7)}`,
  );
  for (const r of rows) {
    const ratio = r.ratio === null ? "" : r.ratio.toFixed(2);
    console.log(
      `${r.database.padEnd(11)} ${r.scenario.padEnd(48)} ${fmt(r.rps)} ${fmt(r.p50, 1)} ${fmt(r.p99, 1)} ${fmt(r.non2xx)} ${ratio.padStart(6)} ${r.rssMb.toFixed(0).padStart(7)}`,
    );
  }
  console.log("\nThe pipeline alone (bench/pipeline.ts: a trivial handler, in-process, no HTTP):");
  for (const line of pipeline) console.log(`- ${line}`);
  console.log("\nCross-instance invalidation (bench/invalidation.ts):");
  for (const line of invalidation) console.log(`- ${line}`);
  console.log("\nActivity after SIGTERM:");
  for (const note of notes) console.log(`- ${note}`);
}

// ---- the run (last: the constants above are initialised by now) --------------------

buildIfNeeded();
await benchDatabase("PGlite", await pgliteEnv());
const postgres = await postgresEnv();
if (postgres) await benchDatabase("PostgreSQL", postgres);
else notes.push("PostgreSQL skipped: no server reachable at TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432.");
report();

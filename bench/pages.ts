// npm run bench:pages: time to first byte, time to the last byte and HTML size of every
// dashboard page and API list, signed in as the demo owner, on the demo database and on a
// grown one (npm run bench:data: issue 18's shape), on PGlite and PostgreSQL, side by side
// with the ratio grown/demo. The production server (node server.mjs, built into .next-bench).
//
// Each URL: one warm-up request, then BENCH_RUNS (5) sequential requests; the median.
//
//   BENCH_RUNS=5  BENCH_PORT=3602  BENCH_ONLY=pglite|postgres
//   BENCH_KEEP=1   reuse the grown databases of an earlier run (growing takes minutes)
//   TEST_DATABASE_URL=postgres://...  (else postgres://postgres@127.0.0.1:5432; skipped if unreachable)
//   BENCH_DB_PREFIX=courier_bench  BENCH_PGLITE_ROOT=./data   where the demo and grown databases go
//                                  (engineers sharing a server each pick their own)
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import pg from "pg";
import { buildIfNeeded } from "./build";
import { apiLogin, startServer, stopServer, withSql, type Env } from "./server";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const PORT = Number(process.env.BENCH_PORT ?? 3602);
const BASE = `http://127.0.0.1:${PORT}`;
const OWNER = { email: "owner@demo.courier", password: "courier-demo" };
const API_USER = { username: "e2e-tenant", password: "e2e-password" };
const ONLY = process.env.BENCH_ONLY;
const KEEP = Boolean(process.env.BENCH_KEEP);
const PREFIX = process.env.BENCH_DB_PREFIX || "courier_bench";
const PGLITE_ROOT = process.env.BENCH_PGLITE_ROOT || "./data";

interface Timing {
  status: number;
  ttfb: number;
  total: number;
  bytes: number;
}
interface Result {
  database: string;
  size: "demo" | "grown";
  page: string;
  timing: Timing;
}
const results: Result[] = [];

buildIfNeeded();
if (ONLY !== "postgres") {
  await benchDatabase("PGlite", "demo", prepare({ PGLITE_DIR: `${PGLITE_ROOT}/bench-pages-demo`, DATABASE_URL: "" }, false));
  await benchDatabase("PGlite", "grown", prepare({ PGLITE_DIR: `${PGLITE_ROOT}/bench-pages-grown`, DATABASE_URL: "" }, true));
}
if (ONLY !== "pglite") {
  const demo = await postgresDatabase(`${PREFIX}_demo`, false);
  const grown = await postgresDatabase(`${PREFIX}_grown`, true);
  if (demo && grown) {
    await benchDatabase("PostgreSQL", "demo", prepare(demo, false));
    await benchDatabase("PostgreSQL", "grown", prepare(grown, true));
  } else console.log("PostgreSQL skipped: no server reachable.");
}
report();

// ---- setup -------------------------------------------------------------------------

/** A fresh (or, with BENCH_KEEP, an existing grown) PostgreSQL database; null if no server answers. */
async function postgresDatabase(name: string, grown: boolean): Promise<Env | null> {
  const base = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
  if (!(KEEP && grown && exists)) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

/** Seeds the demo tenant and the fixture API users; grows it for "grown". */
function prepare(env: Env, grown: boolean): Env {
  if (env.PGLITE_DIR && !(KEEP && grown && existsSync(env.PGLITE_DIR))) rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  const run = (script: string, args: string[]) => {
    const done = spawnSync("npx", ["tsx", "--conditions=react-server", script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (done.status !== 0) throw new Error(`${script} failed`);
  };
  run("scripts/db-prepare.ts", ["--seed", "--fixtures"]);
  if (grown) run("scripts/bench-data.ts", []);
  return env;
}

function cookies(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}
function cookieHeader(jar: Map<string, string>) {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; returns the Cookie header. */
async function signIn(): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  cookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, ...OWNER, json: "true", callbackUrl: `${BASE}/` }),
  });
  cookies(response, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed: ${response.status}`);
  return cookieHeader(jar);
}

// ---- measuring ---------------------------------------------------------------------

async function timeOnce(url: string, headers: Record<string, string>): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const reader = response.body!.getReader();
  let ttfb = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ttfb) ttfb = performance.now() - started;
    bytes += value.byteLength;
  }
  const total = performance.now() - started;
  return { status: response.status, ttfb: ttfb || total, total, bytes };
}

async function time(url: string, headers: Record<string, string>): Promise<Timing> {
  await timeOnce(url, headers);
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeOnce(url, headers));
  const median = (key: "ttfb" | "total") => [...runs].sort((a, b) => a[key] - b[key])[Math.floor(runs.length / 2)]![key];
  return { status: runs[0]!.status, ttfb: median("ttfb"), total: median("total"), bytes: runs[0]!.bytes };
}

async function benchDatabase(database: string, size: "demo" | "grown", env: Env) {
  const { customerId, clientId, apiUserId } = await withSql(env, async (query) => {
    const [row] = await query(`
      SELECT c.id AS "customerId", t."clientId" AS "clientId", u.id AS "apiUserId"
      FROM "Tenant" t JOIN "Customer" c ON c."tenantId" = t.id AND c.name = 'Northwind Outfitters'
      JOIN "ApiUser" u ON u."tenantId" = t.id AND u."usernameLower" = 'e2e-tenant'
      WHERE t.name = 'Demo Courier'`);
    return row as { customerId: string; clientId: string; apiUserId: string };
  });
  console.log(`▶ ${database} ${size}: serving`);
  const server = await startServer(env, PORT, "/api/v1/health");
  try {
    const cookie = { cookie: await signIn() };
    const api = { Authorization: `Bearer ${await apiLogin(PORT, clientId, { ...API_USER, name: "bench pages" })}`, "X-Tenant": clientId };
    const pages: [string, string, Record<string, string>][] = [
      ["Overview", "/", cookie],
      ["Customers", "/customers", cookie],
      ["Customer page", `/customers/${customerId}`, cookie],
      ["Activity log", "/activity", cookie],
      ["Activity, action filter", "/activity?action=token.", cookie],
      ["Activity, action matching nothing", "/activity?action=nothing.", cookie],
      ["Activity, API user filter", `/activity?apiUser=${apiUserId}`, cookie],
      ["CSV export, action filter", "/activity/export?action=token.", cookie],
      ["Services & Pricing", "/services", cookie],
      ["Settings → API (issue 10)", "/settings/api", cookie],
      ["Developers", "/developers", cookie],
      ["GET /v1/shipments?per_page=100", "/v1/shipments?per_page=100", api],
      // The demo has 7 live shipments: per_page=100 answers 7 there and 100 on the grown one.
      // This row asks both for as many, so its ratio is the cost of scale alone.
      ["GET /v1/shipments?per_page=5", "/v1/shipments?per_page=5", api],
      ["GET /v1/shipments?per_page=100&page=500", "/v1/shipments?per_page=100&page=500", api],
    ];
    // A deep cursor: the one after page 500 (or, on a small database, after the first shipment).
    const nextCursor = async (url: string) =>
      ((await (await fetch(`${BASE}${url}`, { headers: api })).json()) as { meta?: { next_cursor?: string | null } }).meta?.next_cursor;
    const cursor = (await nextCursor("/v1/shipments?per_page=100&page=500")) ?? (await nextCursor("/v1/shipments?per_page=1"));
    if (cursor) pages.push(["GET /v1/shipments?per_page=100&cursor=(deep)", `/v1/shipments?per_page=100&cursor=${cursor}`, api]);
    for (const [page, url, headers] of pages) {
      const timing = await time(`${BASE}${url}`, headers);
      results.push({ database, size, page, timing });
    }
  } finally {
    await stopServer(server);
  }
}

// ---- report ------------------------------------------------------------------------

function report() {
  const kb = (bytes: number) => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${Math.round(bytes / 1000)} KB`);
  const ms = (n: number) => n.toFixed(0);
  console.log(
    `\nnode server.mjs, median of ${RUNS} sequential requests after one warm-up; ms; grown = npm run bench:data (issue 18's shape)\n`,
  );
  console.log("| database | page | TTFB demo → grown | ratio | last byte demo → grown | ratio | size demo → grown | status |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const grown of results.filter((r) => r.size === "grown")) {
    const demo = results.find((r) => r.size === "demo" && r.database === grown.database && r.page === grown.page);
    if (!demo) continue;
    const a = demo.timing;
    const b = grown.timing;
    console.log(
      `| ${grown.database} | ${grown.page} | ${ms(a.ttfb)} → ${ms(b.ttfb)} | ${(b.ttfb / a.ttfb).toFixed(2)}× | ${ms(a.total)} → ${ms(b.total)} | ${(b.total / a.total).toFixed(2)}× | ${kb(a.bytes)} → ${kb(b.bytes)} | ${a.status}/${b.status} |`,
    );
  }
}

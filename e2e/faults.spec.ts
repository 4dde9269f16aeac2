import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { rmSync } from "node:fs";
import { expect, request as playwrightRequest, test, type Browser } from "@playwright/test";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { TcpProxy } from "@/tests/support/tcp-proxy";
import { DEMO_TENANT, signIn, tenantClientId } from "./helpers";
import { auth, body, login } from "./api-client";

// SIGTERM under keep-alive load, against a production server of this spec's own (its own
// port and PGlite folder, the environment scripts/e2e-server.ts gives the shared one): the
// process must exit within its grace with status 0 (it exits 1 when the grace runs out),
// and every call it answered 2xx must have its activity event in the database afterwards.

const PORT = Number(process.env.E2E_PORT ?? 3201) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = `./data/e2e-faults-${PORT}`;
const GRACE_MS = 10_000;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(PORT),
  NODE_ENV: "production",
  DATABASE_URL: "",
  PGLITE_DIR: DIR,
  TEST_MODE_TIME_SCALE: "10",
  SHUTDOWN_GRACE_MS: String(GRACE_MS),
};
const SHIPMENT = {
  service: "STANDARD",
  sender: { name: "Dispatch", street1: "Lagerweg 12", city: "Hamburg", postal_code: "20539", country: "DE" },
  recipient: { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" },
  parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
};

test.describe.configure({ timeout: 240_000 });
// Each test starts a server of its own: run them once, not again for the PostgreSQL project.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name === "postgres", "runs once, with the pglite project"));

let server: ChildProcess | undefined;
test.afterAll(() => {
  if (server?.exitCode === null) server.kill("SIGKILL");
});

/** Prepares the database (on `prepareEnv`'s: spawnSync blocks this process, and a proxy in it), then starts the server. */
async function startServer(serverEnv: NodeJS.ProcessEnv = env, prepareEnv = serverEnv): Promise<ChildProcess> {
  rmSync(DIR, { recursive: true, force: true });
  const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-prepare.ts", "--seed", "--fixtures"], {
    env: prepareEnv,
  });
  expect(prepared.status, String(prepared.stderr)).toBe(0);
  const child = spawn("node", ["server.mjs"], { env: serverEnv, stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${BASE}/api/v1/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not start");
}

/**
 * The e2e-tenant user's token, acting for the demo tenant's first customer. Read afresh from
 * each server (not clientIds' cache by URL: both tests use this spec's port, on other databases).
 */
async function callerHeaders(browser: Browser): Promise<Record<string, string>> {
  const page = await browser.newPage({ baseURL: BASE });
  await signIn(page, "ADMIN", DEMO_TENANT);
  const tenant = await tenantClientId(page);
  await page.close();
  const api = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const token = await login(api, tenant, "e2e-tenant");
    const me = await body(await api.get("/v1/me", { headers: auth(token, tenant) }));
    const customers = me.data.client_ids as { client_id: string; name: string }[];
    const customerA = customers.find((c) => c.name === DEMO_TENANT.customers[0])?.client_id ?? "";
    return auth(token, customerA);
  } finally {
    await api.dispose();
  }
}

interface Answer {
  status: number;
  awb?: string;
  retryAfter?: string;
}

/** One call on a keep-alive connection of `agent`; null when the connection failed (the server is gone). */
function call(agent: Agent, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer | null> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      `${BASE}${path}`,
      { method, agent, headers: { ...headers, ...(payload && { "content-type": "application/json" }) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const awb = status === 201 ? (JSON.parse(text) as { data: { awb: string } }).data.awb : undefined;
          const retryAfter = res.headers["retry-after"];
          resolve({ status, awb, retryAfter: typeof retryAfter === "string" ? retryAfter : undefined });
        });
        // Cut mid-body: no "end" (a resolved promise ignores the second call).
        res.on("close", () => resolve(null));
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on("error", () => resolve(null));
    req.end(payload);
  });
}

test("SIGTERM under keep-alive load exits within the grace, and every 2xx served has its activity event", async ({ browser }) => {
  server = await startServer();
  const exited = new Promise<number | null>((resolve) => server?.once("exit", (code) => resolve(code)));
  const headers = await callerHeaders(browser);

  // A client that hangs up mid-request: headers and half the body, then the socket is gone.
  await hangUpMidBody(headers);

  // Ten busy keep-alive connections, and one left idle after a first call.
  const idle = new Agent({ keepAlive: true, maxSockets: 1 });
  expect((await call(idle, "GET", "/v1/me", headers))?.status).toBe(200);
  const traffic = load(headers);
  // Under load for a few seconds (PGlite serves tens of calls a second on a busy machine).
  await sleep(3_000);
  const before = traffic.answers.length;
  server.kill("SIGTERM");
  const code = await exited;
  await traffic.stop();
  idle.destroy();
  const { answers } = traffic;

  expect(before).toBeGreaterThan(0);
  // 0: drained and flushed within the grace (1 would mean the grace ran out first).
  expect(code).toBe(0);
  expect(answers.filter((a) => a.status >= 500)).toEqual([]);

  const db = new PGlite(DIR);
  try {
    const events = async (method: string, path: string, status: number) =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "ActivityEvent" e JOIN "ApiUser" u ON u.id = e."apiUserId"
           WHERE u.username = 'e2e-tenant' AND e.method = $1 AND e.path = $2 AND e.status = $3`,
          [method, path, status],
        )
      ).rows[0]?.n ?? 0;
    const created = answers.filter((a) => a.status === 201);
    const read = answers.filter((a) => a.status === 200).length + 1; // and the idle connection's call
    expect(created.length).toBeGreaterThan(0);
    // The call whose client hung up: recorded as 499, never as a 500 of ours.
    expect(await events("POST", "/v1/shipments", 499)).toBe(1);
    expect(await events("POST", "/v1/shipments", 500)).toBe(0);
    // A call whose answer was lost on the way may have an event too: at least, never fewer.
    expect(await events("POST", "/v1/shipments", 201)).toBeGreaterThanOrEqual(created.length);
    expect(await events("GET", "/v1/me", 200)).toBeGreaterThanOrEqual(read);
    const awbs = created.map((a) => a.awb);
    const stored = await db.query<{ awb: string; events: number }>(
      `SELECT s.awb, (SELECT count(*)::int FROM "TrackingEvent" t WHERE t."shipmentId" = s.id) AS events FROM "Shipment" s WHERE s.awb = ANY($1)`,
      [awbs],
    );
    expect(stored.rows.map((r) => r.awb).sort()).toEqual([...awbs].sort());
    for (const row of stored.rows) expect(row.events).toBe(1);
  } finally {
    await db.close();
  }
});

/** Ten keep-alive connections calling until stopped: shipments and /v1/me, alternately. */
function load(headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: 10 });
  const answers: (Answer & { at: number })[] = [];
  let running = true;
  const loops = Array.from({ length: 10 }, async (_, i) => {
    for (let n = 0; running; n++) {
      const answer =
        (i + n) % 2 ? await call(agent, "GET", "/v1/me", headers) : await call(agent, "POST", "/v1/shipments", headers, SHIPMENT);
      if (answer) answers.push({ ...answer, at: Date.now() });
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** Sends a POST's headers and half its body, waits until the server has started on it, and hangs up. */
async function hangUpMidBody(headers: Record<string, string>) {
  const payload = JSON.stringify(SHIPMENT);
  const req = httpRequest(`${BASE}/v1/shipments`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) },
  });
  req.on("error", () => undefined);
  req.write(payload.slice(0, payload.length / 2));
  await sleep(500);
  req.destroy();
  await sleep(500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL only (TEST_DATABASE_URL, as in CI): a database of the test's own, this spec's
 * server started on it through a TCP proxy the test owns (to cut it as if the database server
 * were stopped), and both gone afterwards.
 */
async function withProxiedDatabase(name: string, run: (ctx: { direct: URL; proxy: TcpProxy; server: ChildProcess }) => Promise<void>) {
  const base = process.env.TEST_DATABASE_URL;
  test.skip(!base, "needs TEST_DATABASE_URL");
  if (!base) return;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const direct = new URL(base);
  direct.pathname = `/${name}`;
  const proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
  try {
    server = await startServer({ ...env, DATABASE_URL: proxy.url(direct.toString()) }, { ...env, DATABASE_URL: direct.toString() });
    await run({ direct, proxy, server });
  } finally {
    await proxy.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

// The server's database connections cut for 10 s under load (withProxiedDatabase).
test("PostgreSQL away for 10 s under load: 503 with Retry-After, served again after, every 2xx with its event, no half-written shipment", async ({
  browser,
}) => {
  await withProxiedDatabase(`courier_e2e_faults_${PORT}`, async ({ direct, proxy, server }) => {
    const exited = new Promise<number | null>((resolve) => server?.once("exit", (code) => resolve(code)));
    const headers = await callerHeaders(browser);

    const traffic = load(headers);
    await sleep(2_000);
    const cut = Date.now();
    await proxy.refuse();
    await sleep(10_000);
    const back = Date.now();
    await proxy.restore();
    for (let i = 0; i < 100 && !traffic.answers.some((a) => a.at > back && a.status < 300); i++) await sleep(100);
    await sleep(2_000);
    server.kill("SIGTERM");
    const code = await exited;
    await traffic.stop();

    const { answers } = traffic;
    const during = answers.filter((a) => a.at > cut + 500 && a.at < back);
    expect(answers.filter((a) => a.at < cut && a.status < 300).length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(0);
    for (const a of during) expect([a.status, a.retryAfter]).toEqual([503, "5"]);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    const recovered = answers.find((a) => a.at > back && a.status < 300);
    expect(recovered).toBeDefined();
    // Reported, not asserted (timings on a shared machine): the issue measured 0.2-0.33 s before.
    const recovery = `${(recovered?.at ?? back) - back} ms`;
    test.info().annotations.push({ type: "recovery after the database returned", description: recovery });
    console.log(`served again ${recovery} after the database returned`);
    expect(code).toBe(0);

    const db = new pg.Client({ connectionString: direct.toString() });
    await db.connect();
    try {
      const count = async (method: string, path: string, status: number) =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "ActivityEvent" e JOIN "ApiUser" u ON u.id = e."apiUserId"
             WHERE u.username = 'e2e-tenant' AND e.method = $1 AND e.path = $2 AND e.status = $3`,
            [method, path, status],
          )
        ).rows[0]?.n ?? 0;
      const created = answers.filter((a) => a.status === 201);
      expect(await count("POST", "/v1/shipments", 201)).toBeGreaterThanOrEqual(created.length);
      expect(await count("GET", "/v1/me", 200)).toBeGreaterThanOrEqual(answers.filter((a) => a.status === 200).length);
      const awbs = created.map((a) => a.awb);
      const present = await db.query<{ awb: string }>(`SELECT awb FROM "Shipment" WHERE awb = ANY($1)`, [awbs]);
      expect(present.rows.map((r) => r.awb).sort()).toEqual([...awbs].sort());
      // Whole objects only: no shipment, served or not, without its first tracking event.
      const partial = await db.query(
        `SELECT s.awb FROM "Shipment" s WHERE NOT EXISTS (SELECT 1 FROM "TrackingEvent" t WHERE t."shipmentId" = s.id)`,
      );
      expect(partial.rows).toEqual([]);
    } finally {
      await db.end();
    }
  });
});

// Through this spec's TCP proxy (withProxiedDatabase): while the database is away a dashboard page
// says so with a retry (not a generic error page), an action answers a clear error in its
// form, and Retry shows the page again once the database is back.
test("database away: dashboard pages show 'Database unavailable' with a retry, actions a clear error", async ({ browser }) => {
  await withProxiedDatabase(`courier_e2e_faults_ui_${PORT}`, async ({ proxy, server }) => {
    const page = await browser.newPage({ baseURL: BASE });
    await signIn(page, "ADMIN", DEMO_TENANT);
    await page.goto("/settings/api");
    await page.getByRole("button", { name: "New API User / Client" }).click();
    const dialog = page.getByRole("dialog", { name: "New API user" });
    await dialog.getByLabel("Username").fill("made-during-outage");
    await dialog.getByLabel("Password").fill("integration-pw");
    await dialog.getByRole("checkbox", { name: "shipments:read" }).check();

    await proxy.refuse();
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByRole("alert")).toContainText("The database cannot be reached right now");
    await expect(dialog.getByLabel("Username")).toHaveValue("made-during-outage");

    await page.goto("/customers");
    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading", { name: "Database unavailable" })).toBeVisible();
    await expect(page.getByText("Application error")).toHaveCount(0);

    await proxy.restore();
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await page.goto("/settings/api?q=made-during-outage");
    await expect(page.getByRole("table", { name: "API users" }).getByRole("link", { name: "made-during-outage" })).toHaveCount(0);
    await page.close();
    // Pages whose browser went away may leave Next's handling unsettled: the exit is still clean.
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

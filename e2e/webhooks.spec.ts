import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { auth, body, login } from "./api-client";
import { DEMO_TENANT, signIn, tenantClientId } from "./helpers";
import { ownPort, startOwnServer, type OwnServer } from "./own-server";

// Issue 17: webhooks, end to end on a server of this spec's own (private addresses allowed,
// a short retry schedule): a member adds an endpoint on the API user's page and sends a test
// event that a receiver on 127.0.0.1 verifies with the standardwebhooks library; then a
// shipment's event is still delivered, with the same webhook-id, after the server was
// stopped with SIGTERM before delivering it and started again on the same database.

const PORT = ownPort(8);
const BASE = `http://127.0.0.1:${PORT}`;
const SETTINGS = { WEBHOOKS_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_SCHEDULE: "0,3s,3s,3s", WEBHOOK_POLL_MS: "200" };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const answers: number[] = [];
let receiver: Server;
let receiverUrl = "";
let server: OwnServer | undefined;
let restarted: ChildProcess | undefined;
let api: APIRequestContext;
let secret = "";
let apiUserId = "";
let clientId = "";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers.shift() ?? 200;
      res.writeHead(status).end(status < 300 ? "ok" : "try again");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  server = await startOwnServer(PORT, SETTINGS, `${BASE}/signin`);
  api = await request.newContext({ baseURL: BASE });
});

test.afterAll(async () => {
  server?.stop();
  if (restarted?.pid && restarted.exitCode === null) process.kill(-restarted.pid, "SIGTERM");
  await api?.dispose();
  await new Promise((resolve) => receiver?.close(resolve));
});

function verified(r: Received) {
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
  return new Webhook(secret).verify(r.body, headers) as { type: string; data: Record<string, unknown> };
}

const typeOf = (r: Received) => (JSON.parse(r.body) as { type: string }).type;

test("a member adds an endpoint, sees its secret once, and a test event arrives signed", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "ADMIN", DEMO_TENANT);
  clientId = await tenantClientId(page);
  const token = await login(api, clientId, "e2e-tenant");
  apiUserId = (await body(await api.get("/v1/me", { headers: auth(token, clientId) }))).data.id;

  await page.goto(`/api-users/${apiUserId}/webhooks`);
  await expect(page.getByRole("link", { name: "Webhooks", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
  await dialog.getByLabel("URL").fill("not a url");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("Enter a full URL")).toBeVisible();
  await dialog.getByLabel("URL").fill(receiverUrl);
  await dialog.getByLabel("Description (optional)").fill("ERP");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  const shown = page.getByRole("dialog", { name: "Endpoint added" });
  secret = ((await shown.getByLabel("Signing secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^whsec_/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "/tmp/webhooks-secret-1280.png" });
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByRole("heading", { name: receiverUrl })).toBeVisible();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event queued")).toBeVisible();
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
  expect(verified(received[0]!)).toMatchObject({ type: "webhook.test" });

  await page.screenshot({ path: "/tmp/webhooks-list-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/webhooks-list-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("link", { name: "Delivery log" }).click();
  await expect(page.getByRole("heading", { name: /Deliveries to/ })).toBeVisible();
  await expect(page.getByText("webhook.test")).toBeVisible();
  await expect(page.getByRole("cell", { name: "200" })).toBeVisible();
  await page.screenshot({ path: "/tmp/webhooks-log-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/webhooks-log-390.png", fullPage: true });
});

test("an event not yet delivered at SIGTERM arrives after the restart, with the same webhook-id", async () => {
  test.setTimeout(120_000);
  const token = await login(api, clientId, "e2e-tenant");
  // The first attempt fails: the delivery waits in the database for its retry.
  answers.push(500);
  const before = received.length;
  const created = await api.post("/v1/shipments", {
    headers: auth(token, clientId),
    data: {
      service: "STANDARD",
      sender: { name: "Dispatch", street1: "Lagerweg 12", city: "Hamburg", postal_code: "20539", country: "DE" },
      recipient: { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" },
      parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
    },
  });
  expect(created.status()).toBe(201);
  const awb = (await body(created)).data.awb;
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(before + 1);
  const first = received[before]!;
  expect(typeOf(first)).toBe("shipment.created");

  server?.stop();
  server = undefined;
  await expect
    .poll(
      () =>
        api.get("/v1/health/live", { timeout: 1_000 }).then(
          () => "up",
          () => "down",
        ),
      { timeout: 20_000 },
    )
    .toBe("down");
  expect(received.length).toBe(before + 1);

  // The same database, started again (scripts/e2e-server.ts would start from a fresh one).
  restarted = spawn("node", ["server.mjs"], {
    env: {
      ...process.env,
      ...SETTINGS,
      PORT: String(PORT),
      NODE_ENV: "production",
      DATABASE_URL: "",
      PGLITE_DIR: `./data/e2e-${PORT}`,
      TEST_MODE_TIME_SCALE: "10",
    },
    stdio: "ignore",
    detached: true,
  });
  await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThan(before + 1);
  const retry = received[before + 1]!;
  expect(retry.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
  expect(verified(retry)).toMatchObject({ type: "shipment.created", data: { shipment: { awb } } });
});

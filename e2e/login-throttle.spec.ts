import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { E2E_API_PASSWORD } from "@/e2e/fixtures";
import { signIn, tenantClientId } from "./helpers";
import { ownPort, startOwnServer, type OwnServer } from "./own-server";

// The lockout reproductions of issue 12, item 6, over real HTTP, on a server of this spec's
// own: its lockouts must not reach the shared server's other specs, and it runs with
// TRUST_PROXY so that each request can come from an address of the spec's choosing
// (X-Forwarded-For), as clients behind a proxy do.
const PORT = ownPort(7);
const BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial" });

let server: OwnServer | undefined;
let api: APIRequestContext;
let clientId = "";

const from = (ip: string) => ({ "X-Forwarded-For": ip });
const tokenLogin = (ip: string, password: string, username = "e2e-api-login", tenant = clientId) =>
  api.post("/v1/auth/token", { headers: { ...from(ip), "X-Tenant": tenant }, data: { username, password } });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer(PORT, { TRUST_PROXY: "1" }, `${BASE}/signin`);
  api = await request.newContext({ baseURL: BASE });
});

test.afterAll(async () => {
  await api?.dispose();
  server?.stop();
});

test("60 failed API logins from an office's address lock no member at that address out of the dashboard", async ({ browser }) => {
  const office = "198.51.100.20";
  const statuses: number[] = [];
  for (let i = 0; i < 60; i++) statuses.push((await tokenLogin(office, "wrong", `nobody-${i}`, "CC-NOSUCH00")).status());
  expect(statuses.filter((s) => s === 401)).toHaveLength(50);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);

  const context = await browser.newContext({ baseURL: BASE, extraHTTPHeaders: from(office) });
  const page = await context.newPage();
  await signIn(page, "OWNER");
  clientId = await tenantClientId(page);
  expect(clientId).toMatch(/^CC-/);
  await context.close();
});

test("an attacker on many addresses cannot keep an API user out of the address it signs in from", async () => {
  const owner = "203.0.113.10";
  expect((await tokenLogin(owner, E2E_API_PASSWORD)).status()).toBe(201);

  // 10 addresses × 5 wrong passwords: the account-wide threshold (50 in 5 minutes).
  const attackers = Array.from({ length: 10 }, (_, i) => `192.0.2.${i + 1}`);
  await Promise.all(
    attackers.map(async (ip) => {
      for (let i = 0; i < 5; i++) expect((await tokenLogin(ip, `guess-${i}`)).status()).toBe(401);
    }),
  );

  // An attacker's address is locked on its own pair, for the long window, even with the right password.
  const attacker = await tokenLogin(attackers[0]!, E2E_API_PASSWORD);
  expect(attacker.status()).toBe(429);
  expect(Number(attacker.headers()["retry-after"])).toBeGreaterThan(14 * 60);
  // An address the account never signed in from waits out the short account-wide lock…
  const stranger = await tokenLogin("192.0.2.200", E2E_API_PASSWORD);
  expect(stranger.status()).toBe(429);
  expect(Number(stranger.headers()["retry-after"])).toBeLessThanOrEqual(5 * 60);
  // … and the owner, from its own address, signs in.
  const signedIn = await tokenLogin(owner, E2E_API_PASSWORD);
  expect(signedIn.status()).toBe(201);
  expect((await signedIn.json()).data.token).toMatch(/^cc_live_/);
});

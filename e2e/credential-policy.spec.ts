import { generateKeyPairSync, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { auth, body, clientIds, login, outcome, type ClientIds } from "./api-client";
import { signIn, submitWithSudo } from "./helpers";

// Credential policy (issue 14) as an integrator and a member meet it: expiry (and its Warning
// header), IP allowlists, leaked-token reports signed with this spec's own key (served to the
// app from a local HTTP server on the app's port + 10, scripts/e2e-server.ts), by real HTTP and
// in the browser.

const TOKEN = /^cc_(live|test)_[0-9a-f]{64}_[0-9a-f]{8}$/;
let ids: ClientIds;
let counter = 0;
const uniqueName = (base: string) => `${base}-${Date.now().toString(36)}${++counter}`;

test.beforeAll(async ({ browser, request, baseURL }) => {
  ids = await clientIds(browser, baseURL ?? "", request);
});

async function newUser(page: Page, username: string): Promise<string> {
  await page.goto("/settings/api");
  await page.getByRole("button", { name: "New API User / Client" }).click();
  const dialog = page.getByRole("dialog", { name: "New API user" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Password").fill("integration-pw");
  await dialog.getByRole("checkbox", { name: "services:list" }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new API token" });
  const token = await reveal.getByLabel("API token").inputValue();
  expect(token).toMatch(TOKEN);
  await reveal.getByRole("button", { name: "Done" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill(username);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("table", { name: "API users" }).getByRole("link", { name: username, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
  return token;
}

test("a token made with an expiry reports it, and within 7 days every answer carries a Warning", async ({ request }) => {
  const week = await login(request, ids.tenant, "e2e-api-wide", { expiry: "7d" });
  const me = await request.get("/v1/me", { headers: auth(week, ids.tenant) });
  expect(me.status()).toBe(200);
  const expiresAt = (await body(me)).data.expires_at as string;
  expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
  expect(me.headers()["warning"]).toMatch(
    /^299 - "This API token expires at [^"]+" "[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"$/,
  );
  expect(me.headers()["warning"]).toContain(expiresAt);

  const quarter = await login(request, ids.tenant, "e2e-api-wide", { expiry: "90d" });
  const later = await request.get("/v1/me", { headers: auth(quarter, ids.tenant) });
  expect(later.headers()["warning"]).toBeUndefined();
  const never = await login(request, ids.tenant, "e2e-api-wide");
  expect((await body(await request.get("/v1/me", { headers: auth(never, ids.tenant) }))).data.expires_at).toBeNull();

  const bad = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": ids.tenant },
    data: { username: "e2e-api-wide", password: "whatever", expiry: "date", expiry_date: "1999-01-01" },
  });
  expect(await outcome(bad)).toEqual([422, "validation_failed"]);
  const openapi = await body(await request.get("/v1/openapi.json"));
  expect(JSON.stringify(openapi)).toContain("token_expired");
});

test("the dashboard gives a new token an expiry and flags it expiring soon, on its page, the list and the Overview", async ({ page }) => {
  await signIn(page, "ADMIN");
  const username = uniqueName("expiring");
  await newUser(page, username);
  await page.getByRole("navigation", { name: "API user" }).getByRole("link", { name: "Keys & tokens" }).click();
  await page.getByRole("button", { name: "Generate token" }).click();
  const generate = page.getByRole("dialog", { name: `New token for ${username}` });
  await generate.getByRole("radio", { name: "On a date", exact: true }).check();
  await generate.getByLabel(/^Date/).fill("2001-01-01");
  await generate.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(generate.getByLabel(/^Date/)).toHaveAttribute("aria-invalid", "true");
  await expect(generate.getByText("Choose today or a later date.")).toBeVisible();
  await generate.getByRole("radio", { name: "7 days", exact: true }).check();
  await generate.getByRole("button", { name: "Generate", exact: true }).click();
  await page.getByRole("dialog", { name: "Your new API token" }).getByRole("button", { name: "Done" }).click();
  const tokens = page.getByRole("table", { name: `Live tokens of ${username}` });
  await expect(tokens.getByText("Expiring soon")).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Expiring soon" })).toContainText("1 token");
  await page.screenshot({ path: "/tmp/policy-tokens-1280.png", fullPage: true });

  await page.goto(`/settings/api?q=${username}`);
  await expect(page.getByRole("table", { name: "API users" }).getByRole("row").filter({ hasText: username })).toContainText(
    "1 expiring soon",
  );
  await page.goto("/");
  await expect(page.getByRole("region", { name: /Expiring soon/ })).toContainText(username);
});

test("an IP allowlist refuses other addresses with 403 ip_not_allowed; bad entries are refused beside the field", async ({ page }) => {
  await signIn(page, "ADMIN");
  const username = uniqueName("fenced");
  const token = await newUser(page, username);
  const call = () => page.request.get("/v1/services", { headers: auth(token, ids.tenant) });
  expect((await call()).status()).toBe(200);

  const section = page.getByRole("region", { name: "IP allowlist" });
  await section.getByRole("button", { name: "Edit IP allowlist" }).click();
  const dialog = page.getByRole("dialog", { name: `IP allowlist of ${username}` });
  await dialog.getByLabel("Allowed addresses").fill("10.0.0.0/8\n192.0.2.300");
  await dialog.getByRole("button", { name: "Save allowlist" }).click();
  await expect(dialog.getByLabel("Allowed addresses")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Allowed addresses")).toHaveAccessibleDescription(/192\.0\.2\.300/);
  expect((await call()).status()).toBe(200);

  await dialog.getByLabel("Allowed addresses").fill("10.0.0.0/8\n2001:db8::/32");
  await dialog.getByRole("button", { name: "Save allowlist" }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByRole("list", { name: "Allowed addresses" })).toContainText("2001:db8::/32");
  const refused = await call();
  expect(await outcome(refused)).toEqual([403, "ip_not_allowed"]);

  // The test's own address (IPv4 or IPv6 loopback) added: allowed again.
  await section.getByRole("button", { name: "Edit IP allowlist" }).click();
  await dialog.getByLabel("Allowed addresses").fill("10.0.0.0/8\n127.0.0.0/8\n::1");
  await dialog.getByRole("button", { name: "Save allowlist" }).click();
  await expect(dialog).toBeHidden();
  expect((await call()).status()).toBe(200);
  await page.screenshot({ path: "/tmp/policy-user-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/policy-user-390.png", fullPage: true });
});

test.describe("leaked-token reports", () => {
  const keys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  let keyServer: Server;

  test.beforeAll(async ({ baseURL }) => {
    keyServer = createServer((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          public_keys: [{ key_identifier: "e2e-key", key: keys.publicKey.export({ type: "spki", format: "pem" }), is_current: true }],
        }),
      );
    });
    await new Promise<void>((resolve) => keyServer.listen(Number(new URL(baseURL ?? "").port) + 10, "127.0.0.1", resolve));
  });
  test.afterAll(async () => {
    await new Promise((resolve) => keyServer.close(resolve));
  });

  test("a signed report revokes the reported token at once and flags it on the Overview until acknowledged; a forged one changes nothing", async ({
    page,
    request,
  }) => {
    const leaked = await login(request, ids.tenant, "e2e-api-wide", { name: "leaked-in-repo" });
    const bystander = await login(request, ids.tenant, "e2e-api-wide");
    const body = JSON.stringify([
      { token: leaked, type: "courier_console_api_token", url: "https://github.com/acme/shop/blob/main/.env", source: "content" },
    ]);
    const signature = sign("sha256", Buffer.from(body), { key: keys.privateKey, dsaEncoding: "der" }).toString("base64");
    const post = (headers: Record<string, string>) =>
      request.post("/v1/secret-scanning/report", { data: body, headers: { "content-type": "application/json", ...headers } });

    const forged = await post({ "Github-Public-Key-Identifier": "e2e-key", "Github-Public-Key-Signature": signature.replace(/^../, "AA") });
    expect(await outcome(forged)).toEqual([401, "invalid_signature"]);
    expect(await outcome(await post({}))).toEqual([401, "invalid_signature"]);
    expect((await request.get("/v1/me", { headers: auth(leaked, ids.tenant) })).status()).toBe(200);

    const answered = await post({ "Github-Public-Key-Identifier": "e2e-key", "Github-Public-Key-Signature": signature });
    expect(answered.status()).toBe(200);
    const labels = await answered.json();
    expect(labels).toEqual([
      { token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), token_type: "courier_console_api_token", label: "true_positive" },
    ]);
    expect(JSON.stringify(labels)).not.toContain(leaked);
    expect(await outcome(await request.get("/v1/me", { headers: auth(leaked, ids.tenant) }))).toEqual([401, "invalid_token"]);
    expect((await request.get("/v1/me", { headers: auth(bystander, ids.tenant) })).status()).toBe(200);

    await signIn(page, "ADMIN");
    await page.goto("/");
    const banner = page.getByRole("region", { name: /reported leaked/ });
    await expect(banner).toContainText("e2e-api-wide");
    await expect(banner).toContainText("https://github.com/acme/shop/blob/main/.env");
    await page.screenshot({ path: "/tmp/policy-overview-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/policy-overview-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await banner.getByRole("button", { name: "Acknowledge" }).click();
    await expect(banner).toBeHidden();
    await page.goto("/activity");
    await expect(page.getByRole("main")).toContainText("token.leaked");
  });
});

test("sudo mode: a destructive action asks for the password once, then not again in this session", async ({ page }) => {
  await signIn(page, "DEVELOPER");
  const username = uniqueName("sudo");
  const token = await newUser(page, username);
  await page.getByRole("navigation", { name: "API user" }).getByRole("link", { name: "Keys & tokens" }).click();
  const tokens = page.getByRole("table", { name: `Live tokens of ${username}` });
  await tokens.getByRole("button", { name: "Disable", exact: true }).click();
  const disable = page.getByRole("dialog");
  await disable.getByRole("button", { name: "Disable token" }).click();
  await expect(disable.getByLabel("Your password")).toBeVisible();
  await expect(disable.getByRole("alert")).toContainText("Confirm your password");
  expect((await page.request.get("/v1/services", { headers: auth(token, ids.tenant) })).status()).toBe(200);
  await page.screenshot({ path: "/tmp/policy-sudo-1280.png" });
  await submitWithSudo(disable, "Disable token");
  expect(await outcome(await page.request.get("/v1/services", { headers: auth(token, ids.tenant) }))).toEqual([403, "token_disabled"]);
  // Within the window: no password asked.
  await tokens.getByRole("button", { name: "Revoke", exact: true }).click();
  const revoke = page.getByRole("dialog");
  await revoke.getByRole("button", { name: "Revoke token" }).click();
  await expect(revoke).toBeHidden();
  expect(await outcome(await page.request.get("/v1/services", { headers: auth(token, ids.tenant) }))).toEqual([401, "invalid_token"]);
});

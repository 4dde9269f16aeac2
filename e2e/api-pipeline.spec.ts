import { expect, test } from "@playwright/test";
import { activityWritten, auth, body, clientIds, login, outcome, type ClientIds } from "./api-client";
import { signIn, submitWithSudo } from "./helpers";

// Every row of the API pipeline (lib/api/route.ts), by real HTTP against the production server.

let ids: ClientIds;
let wide: string; // tenant-wide, services:list only
let customerToken: string; // bound to the first demo customer, every permission

test.beforeAll(async ({ browser, request, baseURL }) => {
  ids = await clientIds(browser, baseURL ?? "", request);
  wide = await login(request, ids.tenant, "e2e-api-wide");
  customerToken = await login(request, ids.customers[0]!.client_id, "e2e-api-customer");
});

test("every response carries a request id, also errors and unknown paths", async ({ request }) => {
  for (const response of [
    await request.get("/v1/health"),
    await request.get("/v1/me"),
    await request.get("/v1/no-such-endpoint"),
    await request.get("/v1/me", { headers: auth(wide, ids.tenant) }),
  ]) {
    expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  }
});

test("a missing token is 401 missing_token; a malformed one is 401 invalid_token", async ({ request }) => {
  expect(await outcome(await request.get("/v1/me", { headers: { "X-Tenant": ids.tenant } }))).toEqual([401, "missing_token"]);
  const bad = [
    "Bearer nonsense",
    "Bearer",
    "Basic dXNlcjpwYXNz",
    `Bearer ${wide.slice(0, -1)}${wide.endsWith("0") ? "1" : "0"}`, // checksum no longer matches
    `Bearer ${wide.toUpperCase()}`,
    `Bearer cc_live_${"0".repeat(64)}_00000000`,
    `Bearer ${wide}x`,
  ];
  for (const authorization of bad) {
    expect(
      await outcome(await request.get("/v1/me", { headers: { Authorization: authorization, "X-Tenant": ids.tenant } })),
      authorization,
    ).toEqual([401, "invalid_token"]);
  }
  // x-api-key works like Authorization: Bearer.
  expect((await request.get("/v1/me", { headers: { "x-api-key": wide, "X-Tenant": ids.tenant } })).status()).toBe(200);
  expect(await outcome(await request.get("/v1/me", { headers: { "x-api-key": "cc_test_123", "X-Tenant": ids.tenant } }))).toEqual([
    401,
    "invalid_token",
  ]);
});

test("a well-formed token nobody issued is 401 invalid_token", async ({ request }) => {
  // A valid checksum on random bits: the shape passes, the lookup does not.
  const fake = wide.replace(/^cc_live_[0-9a-f]{64}/, `cc_live_${"ab".repeat(32)}`);
  const { crc32 } = await import("node:zlib");
  const body64 = fake.slice(0, -9);
  const forged = `${body64}_${crc32(body64).toString(16).padStart(8, "0")}`;
  expect(await outcome(await request.get("/v1/me", { headers: auth(forged, ids.tenant) }))).toEqual([401, "invalid_token"]);
});

test("a revoked token fails on the very next request", async ({ request }) => {
  const token = await login(request, ids.tenant, "e2e-api-revoke");
  expect((await request.get("/v1/me", { headers: auth(token, ids.tenant) })).status()).toBe(200);
  const revoked = await request.delete("/v1/auth/token", { headers: auth(token, ids.tenant) });
  expect(revoked.status()).toBe(200);
  expect((await body(revoked)).data.revoked).toBe(true);
  expect(await outcome(await request.get("/v1/me", { headers: auth(token, ids.tenant) }))).toEqual([401, "invalid_token"]);
  expect(await outcome(await request.delete("/v1/auth/token", { headers: auth(token, ids.tenant) }))).toEqual([401, "invalid_token"]);
});

test("X-Tenant: missing is 400; a Client ID the token may not use is the same 403 whether it exists or not", async ({ request }) => {
  expect(await outcome(await request.get("/v1/me", { headers: auth(wide) }))).toEqual([400, "missing_tenant"]);
  expect(await outcome(await request.get("/v1/me", { headers: auth(wide, "   ") }))).toEqual([400, "missing_tenant"]);

  const refused = [
    ["tenant-wide user, rival tenant", wide, ids.rival],
    ["tenant-wide user, nonsense", wide, "CC-NOTREAL1"],
    ["customer user, the tenant's own Client ID", customerToken, ids.tenant],
    ["customer user, another customer of the tenant", customerToken, ids.customers[1]!.client_id],
    ["customer user, rival tenant", customerToken, ids.rival],
    ["customer user, nonsense", customerToken, "x".repeat(300)],
  ] as const;
  const bodies = new Set<string>();
  for (const [what, token, xTenant] of refused) {
    const response = await request.get("/v1/me", { headers: auth(token, xTenant) });
    expect(await outcome(response), what).toEqual([403, "tenant_mismatch"]);
    bodies.add(JSON.stringify((await body(response)).error));
  }
  expect(bodies.size).toBe(1);
});

test("a tenant-wide user may name the tenant or one of its customers; a customer user only its own", async ({ request }) => {
  const whole = await body(await request.get("/v1/me", { headers: auth(wide, ids.tenant) }));
  expect(whole.data.scope).toEqual({ tenant: { client_id: ids.tenant, name: expect.any(String) }, customer: null });

  const second = ids.customers[1]!;
  const narrowed = await body(await request.get("/v1/me", { headers: auth(wide, second.client_id) }));
  expect(narrowed.data.scope.customer).toEqual({ client_id: second.client_id, name: second.name });

  // Client IDs are matched case-insensitively and without surrounding space.
  const own = await request.get("/v1/me", { headers: auth(customerToken, ` ${ids.customers[0]!.client_id.toLowerCase()} `) });
  expect(own.status()).toBe(200);
  const me = await body(own);
  expect(me.data.customer.client_id).toBe(ids.customers[0]!.client_id);
  expect(me.data.scope.customer.client_id).toBe(ids.customers[0]!.client_id);
  expect(me.data.client_ids).toEqual([{ client_id: ids.customers[0]!.client_id, name: ids.customers[0]!.name, kind: "customer" }]);
});

test("a route's permission is checked: 403 permission_denied names it", async ({ request }) => {
  expect((await request.get("/v1/services", { headers: auth(wide, ids.tenant) })).status()).toBe(200);
  const denied = await request.get("/v1/shipments", { headers: auth(wide, ids.tenant) });
  expect(await outcome(denied)).toEqual([403, "permission_denied"]);
  expect((await body(denied)).error.message).toContain("shipments:read");
});

test("rate-limit headers on every response after the token check, none before", async ({ request }) => {
  const token = await login(request, ids.tenant, "e2e-api-headers");
  const now = Math.floor(Date.now() / 1000);
  const ok = await request.get("/v1/me", { headers: auth(token, ids.tenant) });
  const h = ok.headers();
  expect(h["x-ratelimit-limit"]).toBe("1000");
  expect(Number(h["x-ratelimit-remaining"])).toBeLessThan(1000);
  expect(Number(h["x-ratelimit-reset"])).toBeGreaterThanOrEqual(now + 50);
  expect(Number(h["x-ratelimit-reset"])).toBeLessThanOrEqual(now + 62);

  for (const response of [
    await request.get("/v1/me", { headers: auth(token) }), // 400 missing_tenant
    await request.get("/v1/me", { headers: auth(token, ids.rival) }), // 403 tenant_mismatch
    await request.get("/v1/services", { headers: auth(token, ids.tenant) }), // 403 permission_denied
  ]) {
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.headers()["x-ratelimit-limit"]).toBe("1000");
    expect(response.headers()["x-ratelimit-remaining"]).toMatch(/^\d+$/);
    expect(response.headers()["x-ratelimit-reset"]).toMatch(/^\d+$/);
  }
  const unauthenticated = await request.get("/v1/me", { headers: { "X-Tenant": ids.tenant } });
  expect(unauthenticated.headers()["x-ratelimit-limit"]).toBeUndefined();
});

test("the rate limit is exact under concurrency: 100 parallel requests at 60/min give 60 successes", async ({ request }) => {
  const token = await login(request, ids.tenant, "e2e-api-limited");
  const responses = await Promise.all(Array.from({ length: 100 }, () => request.get("/v1/me", { headers: auth(token, ids.tenant) })));
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 200)).toHaveLength(60);
  expect(statuses.filter((s) => s === 429)).toHaveLength(40);

  const limited = responses.find((r) => r.status() === 429)!;
  expect((await body(limited)).error.code).toBe("rate_limited");
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(60);
  expect(limited.headers()["x-ratelimit-remaining"]).toBe("0");
  expect(limited.headers()["x-ratelimit-limit"]).toBe("60");
  const remaining = responses.filter((r) => r.status() === 200).map((r) => Number(r.headers()["x-ratelimit-remaining"]));
  expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
});

test("an unknown /v1 path is a 404 envelope for any method; a wrong method is 405 with Allow", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/v1/nothing"],
    ["GET", "/v1"],
    ["POST", "/api/v1/nothing/deeper"],
    ["DELETE", "/v1/me/extra"],
    ["PATCH", "/v1/auth"],
  ] as const) {
    const response = await request.fetch(path, { method, headers: auth(wide, ids.tenant) });
    expect(await outcome(response), `${method} ${path}`).toEqual([404, "not_found"]);
  }
  const post = await request.post("/v1/me", { headers: auth(wide, ids.tenant) });
  expect(await outcome(post)).toEqual([405, "method_not_allowed"]);
  expect(post.headers()["allow"]).toContain("GET");
  const put = await request.put("/v1/auth/token");
  expect(await outcome(put)).toEqual([405, "method_not_allowed"]);
  expect(put.headers()["allow"]).toMatch(/POST.*DELETE/);
  const options = await request.fetch("/v1/me", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
});

test("/v1 and /api/v1 serve the same", async ({ request }) => {
  const a = await body(await request.get("/v1/me", { headers: auth(wide, ids.tenant) }));
  const b = await body(await request.get("/api/v1/me", { headers: auth(wide, ids.tenant) }));
  expect(a.data.id).toBe(b.data.id);
});

test("each call leaves one activity event and the token's last use, with no token in them", async ({ request }) => {
  const token = await login(request, ids.tenant, "e2e-api-login", { name: "activity check" });
  await request.get("/v1/me", { headers: auth(token, ids.customers[0]!.client_id) });
  await request.get("/v1/services", { headers: auth(token, ids.tenant) });
  await activityWritten(request, auth(wide, ids.tenant));
  const response = await request.get("/v1/me", { headers: auth(token, ids.tenant) });
  const me = await body(response);
  expect(me.data.token.name).toBe("activity check");
  expect(me.data.token.last_used_ip).toBe("127.0.0.1");
  expect(Date.parse(me.data.token.last_used_at)).toBeGreaterThan(Date.now() - 60_000);
  const [list, read] = me.data.recent_activity;
  expect(list).toMatchObject({ action: "services.list", method: "GET", path: "/v1/services", status: 200, ip: "127.0.0.1" });
  expect(read).toMatchObject({ action: "me.read", method: "GET", path: "/v1/me", status: 200 });
  expect(me.data.recent_activity.some((e: { action: string }) => e.action === "auth.login")).toBe(true);
  expect(JSON.stringify(me)).not.toContain(token.slice(8, -9));
});

test("a test-environment token works and says so", async ({ request }) => {
  const token = await login(request, ids.tenant, "e2e-api-login", { environment: "test" });
  expect(token).toMatch(/^cc_test_/);
  const me = await body(await request.get("/v1/me", { headers: auth(token, ids.tenant) }));
  expect(me.data.environment).toBe("test");
});

test("a permission removed and a user deactivated in the dashboard fail on the very next request", async ({ page, request }) => {
  const token = await login(request, ids.tenant, "e2e-api-dashboard");
  const shipments = () => request.get("/v1/shipments", { headers: auth(token, ids.tenant) });
  expect((await shipments()).status()).toBe(200);

  await signIn(page, "ADMIN");
  await page.goto("/settings/api?q=e2e-api-dashboard");
  await page.getByRole("table", { name: "API users" }).getByRole("link", { name: "e2e-api-dashboard", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "e2e-api-dashboard" })).toBeVisible();
  const card = page.getByRole("region", { name: "Details" });
  await card.getByRole("button", { name: "Edit permissions", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("checkbox", { name: "shipments:read" }).uncheck();
  await dialog.getByRole("button", { name: "Save permissions", exact: true }).click();
  await expect(dialog).toBeHidden();
  expect(await outcome(await shipments())).toEqual([403, "permission_denied"]);
  expect((await request.get("/v1/services", { headers: auth(token, ids.tenant) })).status()).toBe(200);

  await card.getByRole("button", { name: "Deactivate", exact: true }).click();
  await submitWithSudo(page.getByRole("dialog"), "Deactivate");
  // The integrator learns the user is deactivated (activation later revokes the token).
  expect(await outcome(await request.get("/v1/me", { headers: auth(token, ids.tenant) }))).toEqual([403, "api_user_inactive"]);
});

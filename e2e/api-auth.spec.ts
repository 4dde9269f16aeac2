import { expect, test } from "@playwright/test";
import { E2E_API_PASSWORD } from "@/e2e/fixtures";
import { activityWritten, auth, body, clientIds, login, outcome, type ClientIds } from "./api-client";

// POST /v1/auth/token and DELETE /v1/auth/token, and garbage of every shape: never a 500.

let ids: ClientIds;

test.beforeAll(async ({ browser, request, baseURL }) => {
  ids = await clientIds(browser, baseURL ?? "", request);
});

test("an API user signs in with username and password and gets a token shown once", async ({ request }) => {
  const response = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": ids.tenant },
    data: { username: "E2E-API-LOGIN", password: E2E_API_PASSWORD, name: "integration laptop" },
  });
  expect(response.status()).toBe(201);
  const { ok, data } = await body(response);
  expect(ok).toBe(true);
  expect(data.token).toMatch(/^cc_live_[0-9a-f]{64}_[0-9a-f]{8}$/);
  expect(data.user).toEqual({ id: expect.any(String), username: "e2e-api-login", role: "api_client" });
  expect(response.headers()["x-request-id"]).toBeTruthy();

  const me = await body(await request.get("/v1/me", { headers: auth(data.token, ids.tenant) }));
  expect(me.data).toMatchObject({ username: "e2e-api-login", role: "api_client", environment: "live", customer: null });
  expect(me.data.token).toMatchObject({ name: "integration laptop", hint: `${data.token.slice(0, 8)}…${data.token.slice(-4)}` });
  expect(me.data.rate_limit).toEqual({ limit: 100_000, window_seconds: 60 });
});

test("a customer's API user signs in with its customer's Client ID only", async ({ request }) => {
  const own = ids.customers[0]!.client_id;
  const ok = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": own },
    data: { username: "e2e-api-customer", password: E2E_API_PASSWORD },
  });
  expect(ok.status()).toBe(201);
  for (const other of [ids.tenant, ids.customers[1]!.client_id]) {
    const refused = await request.post("/v1/auth/token", {
      headers: { "X-Tenant": other },
      data: { username: "e2e-api-customer", password: E2E_API_PASSWORD },
    });
    expect(await outcome(refused)).toEqual([401, "invalid_credentials"]);
  }
});

test("every bad sign-in gets the same 401", async ({ request }) => {
  const attempts = [
    ["unknown user", ids.tenant, "e2e-api-nobody", E2E_API_PASSWORD],
    ["wrong password", ids.tenant, "e2e-api-wide", "not-the-password"],
    ["right user and password, rival tenant", ids.rival, "e2e-api-wide", E2E_API_PASSWORD],
    ["unknown Client ID", "CC-ZZZZZZZZ", "e2e-api-wide", E2E_API_PASSWORD],
  ] as const;
  const bodies = new Set<string>();
  for (const [what, xTenant, username, password] of attempts) {
    const response = await request.post("/v1/auth/token", { headers: { "X-Tenant": xTenant }, data: { username, password } });
    expect(await outcome(response), what).toEqual([401, "invalid_credentials"]);
    bodies.add(JSON.stringify((await body(response)).error));
  }
  expect(bodies.size).toBe(1);
});

test("a deactivated user with the right password is told so; its wrong password is the generic 401", async ({ request }) => {
  const right = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": ids.tenant },
    data: { username: "e2e-inactive", password: E2E_API_PASSWORD },
  });
  expect(await outcome(right)).toEqual([403, "api_user_inactive"]);
  const wrong = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": ids.tenant },
    data: { username: "e2e-inactive", password: "nope-nope" },
  });
  expect(await outcome(wrong)).toEqual([401, "invalid_credentials"]);
});

test("sign-in input is checked: X-Tenant required, JSON required, fields typed", async ({ request }) => {
  expect(await outcome(await request.post("/v1/auth/token", { data: { username: "a", password: "b" } }))).toEqual([400, "missing_tenant"]);
  const h = { "X-Tenant": ids.tenant };
  expect(
    await outcome(
      await request.post("/v1/auth/token", { headers: { ...h, "content-type": "application/json" }, data: Buffer.from("{not json") }),
    ),
  ).toEqual([400, "invalid_json"]);
  for (const data of [
    {},
    { username: 5, password: true },
    { username: "a" },
    { username: "a", password: "b", environment: "prod" },
    { username: "a b", password: "b" },
    { username: "a", password: "b", name: "tab\there" },
    [],
    "text",
    null,
  ]) {
    expect(await outcome(await request.post("/v1/auth/token", { headers: h, data: JSON.stringify(data) })), JSON.stringify(data)).toEqual([
      422,
      "validation_failed",
    ]);
  }
});

test("repeated failures for one username are slowed, then refused with 429 even with the right password", async ({ request }) => {
  const h = { "X-Tenant": ids.tenant };
  const started = Date.now();
  for (let i = 0; i < 5; i++) {
    const response = await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-lockout", password: `guess-${i}` } });
    expect(await outcome(response)).toEqual([401, "invalid_credentials"]);
  }
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_500); // 250 + 500 + 1000 ms of delay
  const locked = await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-lockout", password: E2E_API_PASSWORD } });
  expect(await outcome(locked)).toEqual([429, "too_many_attempts"]);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(800);
  // Another user from the same IP is not locked by it.
  expect(
    (await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-wide", password: E2E_API_PASSWORD } })).status(),
  ).toBe(201);
});

test("an unknown username locks out exactly like a known one (no way to tell which exist)", async ({ request }) => {
  const h = { "X-Tenant": ids.tenant };
  for (let i = 0; i < 5; i++) {
    expect(
      await outcome(await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-ghost", password: `guess-${i}` } })),
    ).toEqual([401, "invalid_credentials"]);
  }
  expect(await outcome(await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-ghost", password: "any" } }))).toEqual(
    [429, "too_many_attempts"],
  );
});

test("failed sign-ins of a known user are in its activity, with no password in them", async ({ request }) => {
  const h = { "X-Tenant": ids.tenant };
  const witness = auth(await login(request, ids.tenant, "e2e-api-wide"), ids.tenant);
  await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-revoke", password: "secret-guess-123" } });
  const token = (
    await body(await request.post("/v1/auth/token", { headers: h, data: { username: "e2e-api-revoke", password: E2E_API_PASSWORD } }))
  ).data.token;
  await activityWritten(request, witness);
  const me = await body(await request.get("/v1/me", { headers: auth(token, ids.tenant) }));
  const actions = me.data.recent_activity.map((e: { action: string }) => e.action);
  expect(actions.slice(0, 2)).toEqual(["auth.login", "auth.login_failed"]);
  expect(JSON.stringify(me)).not.toContain("secret-guess-123");
  expect(JSON.stringify(me)).not.toContain(token.slice(8, -9));
});

test("no input of any shape gives a 500", async ({ request }) => {
  const token = (
    await body(
      await request.post("/v1/auth/token", {
        headers: { "X-Tenant": ids.tenant },
        data: { username: "e2e-api-wide", password: E2E_API_PASSWORD },
      }),
    )
  ).data.token;
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
  const cases: { name: string; method: string; path: string; headers?: Record<string, string>; data?: string | Buffer }[] = [
    {
      name: "binary body",
      method: "POST",
      path: "/v1/auth/token",
      headers: { "X-Tenant": ids.tenant, "content-type": "application/json" },
      data: binary,
    },
    {
      name: "binary body, octet-stream",
      method: "POST",
      path: "/v1/auth/token",
      headers: { "X-Tenant": ids.tenant, "content-type": "application/octet-stream" },
      data: binary,
    },
    {
      name: "huge JSON",
      method: "POST",
      path: "/v1/auth/token",
      headers: { "X-Tenant": ids.tenant },
      data: JSON.stringify({ username: "a".repeat(300_000), password: "b" }),
    },
    {
      name: "deep JSON",
      method: "POST",
      path: "/v1/auth/token",
      headers: { "X-Tenant": ids.tenant },
      data: "[".repeat(5000) + "]".repeat(5000),
    },
    {
      name: "unicode fields",
      method: "POST",
      path: "/v1/auth/token",
      headers: { "X-Tenant": ids.tenant },
      data: JSON.stringify({ username: "ユーザー\u0000😀", password: "\uD800", name: "🚚" }),
    },
    {
      name: "huge header",
      method: "GET",
      path: "/v1/me",
      headers: { Authorization: `Bearer ${"a".repeat(20_000)}`, "X-Tenant": ids.tenant },
    },
    {
      name: "long token-ish header",
      method: "GET",
      path: "/v1/me",
      headers: { "x-api-key": `cc_live_${"f".repeat(5000)}`, "X-Tenant": ids.tenant },
    },
    { name: "latin-1 X-Tenant", method: "GET", path: "/v1/me", headers: { ...auth(token), "X-Tenant": "CC-ÄÖÜ\u00ff" } },
    { name: "X-Tenant of 8 kB", method: "GET", path: "/v1/me", headers: { ...auth(token), "X-Tenant": "C".repeat(8000) } },
    { name: "percent garbage in the path", method: "GET", path: "/v1/%E0%A4%A", headers: auth(token, ids.tenant) },
    { name: "NUL in the path", method: "GET", path: "/v1/me%00", headers: auth(token, ids.tenant) },
    { name: "dot segments", method: "GET", path: "/v1/../v1/me/%2e%2e", headers: auth(token, ids.tenant) },
    { name: "unicode path", method: "DELETE", path: "/v1/%F0%9F%9A%9A/ü", headers: auth(token, ids.tenant) },
    { name: "query garbage", method: "GET", path: "/v1/me?%zz=%&a[]=1&&=", headers: auth(token, ids.tenant) },
    { name: "body on GET", method: "GET", path: "/v1/me", headers: auth(token, ids.tenant), data: binary },
  ];
  for (const c of cases) {
    const response = await request.fetch(c.path, { method: c.method, headers: c.headers, data: c.data, failOnStatusCode: false });
    expect(response.status(), c.name).toBeLessThan(500);
    const text = await response.text();
    if (response.headers()["content-type"]?.includes("json") && response.status() >= 400) expect(JSON.parse(text).ok, c.name).toBe(false);
  }
});

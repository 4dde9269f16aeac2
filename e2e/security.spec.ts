import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_TENANT, memberEmail } from "@/prisma/seed/demo-accounts";
import { auth, login } from "./api-client";
import { signIn, tenantClientId } from "./helpers";

// Issue 12, items 5 and 7: where sign-in may send the browser, and the headers that keep
// the pages and the token responses to themselves.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function fillSignIn(page: Page) {
  await page.getByLabel("E-mail").fill(memberEmail("OWNER", DEMO_TENANT));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Content-Security-Policy reports from the browser's console, from now on. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test("a deep link survives sign-in", async ({ page }) => {
  await page.goto("/activity?action=token.");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Factivity%3Faction%3Dtoken\.$/);
  await fillSignIn(page);
  await expect(page).toHaveURL(/\/activity\?action=token\.$/);
  await expect(page.getByRole("heading", { level: 1, name: "Activity log" })).toBeVisible();
  await expect(page.getByLabel("Action starts with")).toHaveValue("token.");
});

const FOREIGN = [
  "/%5Cevil.example/",
  "/%09/evil.example/",
  "//evil.example/",
  "/%2F%2Fevil.example",
  "/..//evil.example",
  "https://evil.example/",
  "javascript:alert(document.domain)",
];

test("sign-in never sends the browser to another site", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  // The reported case, through the form: the browser stays here, on the overview.
  await page.goto(`/signin?callbackUrl=${FOREIGN[0]}`);
  await fillSignIn(page);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);
  expect(new URL(page.url()).pathname).toBe("/");

  // Signed in, /signin forwards to the callbackUrl at once: only to a path of this site.
  for (const callbackUrl of FOREIGN) {
    const response = await page.request.get(
      `/signin?callbackUrl=${callbackUrl.startsWith("/") ? callbackUrl : encodeURIComponent(callbackUrl)}`,
      { maxRedirects: 0 },
    );
    expect(response.status(), callbackUrl).toBe(307);
    expect(response.headers()["location"], callbackUrl).toBe("/");
  }
  const own = await page.request.get(`/signin?callbackUrl=${encodeURIComponent("/customers")}`, { maxRedirects: 0 });
  expect(own.headers()["location"]).toBe("/customers");

  // next-auth's own redirect (its JSON answer to the sign-in and sign-out POSTs) follows the same rule.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const callbackUrl of ["https://evil.example/", "/\\evil.example/", `${origin}/activity`]) {
    const answer = await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl, json: "true" } });
    const { url } = (await answer.json()) as { url: string };
    expect(new URL(url).origin, callbackUrl).toBe(origin);
    expect(new URL(url).pathname, callbackUrl).toBe(callbackUrl.endsWith("/activity") ? "/activity" : "/");
  }
});

test("pages carry a nonce CSP and run under it: hydration, dialogs, copy", async ({ page }) => {
  const first = await page.request.get("/signin");
  const second = await page.request.get("/signin");
  const csp = first.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-inline");
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(first.headers()).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });

  const violations = cspViolations(page);
  await signIn(page, "OWNER");
  // Client-side navigation, a dialog with a form, the shown-once token and its Copy button.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API / Web Services" }).click();
  await page.getByRole("button", { name: "New API User / Client" }).click();
  const dialog = page.getByRole("dialog", { name: "New API user" });
  await dialog.getByLabel("Username").fill(`csp-${Date.now()}`);
  await dialog.getByLabel("Password").fill("integration-pw");
  await dialog.getByRole("checkbox", { name: "services:list" }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new API token" });
  const token = await reveal.getByLabel("API token").inputValue();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await expect(reveal.getByRole("button", { name: "Copied!" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  // An unknown page is rendered per request too, so it runs under the policy as well.
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("token login and /v1/me are never cached; the API carries no CSP", async ({ page, request }) => {
  await signIn(page, "OWNER");
  const tenant = await tenantClientId(page);
  const created = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": tenant },
    data: { username: "e2e-tenant", password: "e2e-password" },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["cache-control"]).toBe("no-store");
  expect(created.headers()["content-security-policy"]).toBeUndefined();
  const token = await login(request, tenant, "e2e-tenant");
  for (const path of ["/v1/me", "/api/v1/me"]) {
    const me = await request.get(path, { headers: auth(token, tenant) });
    expect(me.status(), path).toBe(200);
    expect(me.headers()["cache-control"], path).toBe("no-store");
    expect(me.headers()["x-ratelimit-limit"], path).toBeTruthy();
    expect(me.headers()["content-security-policy"], path).toBeUndefined();
    expect(me.headers()["x-content-type-options"], path).toBe("nosniff");
  }
});

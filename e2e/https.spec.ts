import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";
import { ownPort, startOwnServer, type OwnServer } from "./own-server";

// HTTPS only (issue 12, item 8), against two servers of this spec's own, both with an
// https:// public URL (NEXTAUTH_URL) and no TRUST_PROXY:
//  - `tls` serves TLS itself from a self-signed certificate made here (TLS_CERT_FILE/KEY_FILE);
//  - `plain` listens on plain HTTP, as an instance behind a TLS-terminating proxy would,
//    so this spec can send it what a client sends over plain HTTP.
// The other specs' server (no public URL) is the README's http://localhost, which keeps working.
const TLS_PORT = ownPort(5);
const PLAIN_PORT = ownPort(6);
const PUBLIC_URL = `https://localhost:${TLS_PORT}`;
// Well-formed enough to reach the token check, and unknown: invalid_token if that check ran.
const UNKNOWN_TOKEN = `cc_live_${"0".repeat(64)}_00000000`;

test.describe.configure({ mode: "serial" });

let certDir = "";
let servers: OwnServer[] = [];
let api: APIRequestContext;

function makeCertificate(dir: string) {
  const made = spawnSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"],
      ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
    ],
    { stdio: "pipe" },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  certDir = mkdtempSync(path.join(tmpdir(), "courier-tls-"));
  makeCertificate(certDir);
  api = await request.newContext({ ignoreHTTPSErrors: true });
  const tls = { TLS_CERT_FILE: path.join(certDir, "cert.pem"), TLS_KEY_FILE: path.join(certDir, "key.pem") };
  const started = await Promise.allSettled([
    startOwnServer(TLS_PORT, { NEXTAUTH_URL: PUBLIC_URL, ...tls }, `${PUBLIC_URL}/api/v1/health`),
    startOwnServer(PLAIN_PORT, { NEXTAUTH_URL: PUBLIC_URL }, `http://127.0.0.1:${PLAIN_PORT}/signin`),
  ]);
  servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  for (const s of started) if (s.status === "rejected") throw s.reason;
});

test.afterAll(async () => {
  await api?.dispose();
  for (const server of servers) server.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

test.describe("HTTPS only: an https:// public URL", () => {
  test("an API call over plain HTTP is refused before its token is looked at", async () => {
    const response = await api.get(`http://127.0.0.1:${PLAIN_PORT}/v1/me?x=1`, {
      headers: { Authorization: `Bearer ${UNKNOWN_TOKEN}`, "X-Tenant": "CC-00000000" },
    });
    expect(response.status()).toBe(403);
    const body = await response.json();
    expect(body).toEqual({
      ok: false,
      error: { code: "https_required", message: expect.stringContaining("HTTPS"), details: { url: `${PUBLIC_URL}/v1/me?x=1` } },
    });
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("token login never reads a password sent over plain HTTP", async () => {
    const response = await api.post(`http://127.0.0.1:${PLAIN_PORT}/api/v1/auth/token`, {
      headers: { "X-Tenant": "CC-00000000" },
      data: { username: "someone", password: "a-password" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("https_required");
  });

  test("X-Forwarded-Proto is not believed without TRUST_PROXY", async () => {
    const apiCall = await api.get(`http://127.0.0.1:${PLAIN_PORT}/v1/me`, {
      headers: { Authorization: `Bearer ${UNKNOWN_TOKEN}`, "X-Forwarded-Proto": "https" },
    });
    expect(apiCall.status()).toBe(403);
    expect((await apiCall.json()).error.code).toBe("https_required");
    const page = await api.get(`http://127.0.0.1:${PLAIN_PORT}/signin`, { headers: { "X-Forwarded-Proto": "https" }, maxRedirects: 0 });
    expect(page.status()).toBe(308);
  });

  test("a page over plain HTTP is redirected to the same path on the public https:// URL", async () => {
    const response = await api.get(`http://127.0.0.1:${PLAIN_PORT}/activity?page=2`, {
      headers: { Host: "evil.example" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(308);
    // The public URL's host, never the request's.
    expect(response.headers()["location"]).toBe(`${PUBLIC_URL}/activity?page=2`);
  });

  test("over HTTPS: HSTS on pages and API answers, the CSP upgrades, the token check runs", async () => {
    const page = await api.get(`${PUBLIC_URL}/signin`);
    expect(page.status()).toBe(200);
    expect(page.headers()["strict-transport-security"]).toBe("max-age=31536000");
    expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);

    const apiCall = await api.get(`${PUBLIC_URL}/v1/me`, { headers: { Authorization: `Bearer ${UNKNOWN_TOKEN}` } });
    expect(apiCall.status()).toBe(401);
    expect((await apiCall.json()).error.code).toBe("invalid_token");
    expect(apiCall.headers()["strict-transport-security"]).toBe("max-age=31536000");
  });

  test("a member signs in over HTTPS and the session cookie is Secure", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: PUBLIC_URL, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await signIn(page, "OWNER");
    const cookies = await context.cookies(PUBLIC_URL);
    const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session).toMatchObject({ name: "__Secure-next-auth.session-token", secure: true, httpOnly: true });
    for (const cookie of cookies.filter((c) => c.name.includes("next-auth"))) expect(cookie.secure).toBe(true);
    await context.close();
  });

  test("a signed-out visit over plain HTTP ends on the HTTPS sign-in page", async ({ browser }) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PLAIN_PORT}/customers`);
    await expect(page).toHaveURL(new RegExp(`^${PUBLIC_URL}/signin`));
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await context.close();
  });
});

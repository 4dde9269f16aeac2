import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { POST as tokenLogin } from "@/app/api/v1/auth/token/route";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { errorCodes } from "@/lib/api/operations/errors";
import { db } from "@/lib/db";
import { parseEnv, resetEnv } from "@/lib/server/env";
import { requestScheme } from "@/lib/server/request-ip";
import { apiCaller, apiRequest, envelope, noParams, testPipeline } from "./support/api";

// HTTPS only (issue 12, item 8) in-process: the pipeline's first step, publicRoute, the
// scheme rule. The real sockets, TLS, redirects and cookies are e2e/https.spec.ts.

const pipeline = testPipeline();
afterAll(() => pipeline.close());
const handler = vi.fn(async () => ok({ fine: true }));
const me = pipeline.apiRoute(operations.getMe, handler);
const UNKNOWN_TOKEN = `cc_live_${"0".repeat(64)}_00000000`;

function configure(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  resetEnv();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
  handler.mockClear();
});

describe("the request's scheme", () => {
  it("is the socket's as server.mjs tells it, and X-Forwarded-Proto only with TRUST_PROXY", () => {
    configure({ NODE_ENV: "production", TRUST_PROXY: undefined });
    expect(requestScheme(new Headers({ "x-courier-proto": "https" }))).toBe("https");
    expect(requestScheme(new Headers({ "x-courier-proto": "http", "x-forwarded-proto": "https" }))).toBe("http");
    expect(requestScheme(new Headers({ "x-forwarded-proto": "https" }))).toBe("http");
    configure({ TRUST_PROXY: "1" });
    expect(requestScheme(new Headers({ "x-courier-proto": "http", "x-forwarded-proto": "https, http" }))).toBe("https");
    expect(requestScheme(new Headers({ "x-courier-proto": "https", "x-forwarded-proto": "http" }))).toBe("http");
  });
});

describe("with an https:// public URL", () => {
  it("refuses a plain-HTTP API call before its token is looked at", async () => {
    configure({ NEXTAUTH_URL: "https://console.example.com" });
    const response = await me(
      apiRequest("/me?a=1", { authorization: `Bearer ${UNKNOWN_TOKEN}`, "x-courier-proto": "http", "x-forwarded-proto": "https" }),
      noParams,
    );
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: "https_required", message: expect.any(String), details: { url: "https://console.example.com/api/v1/me?a=1" } },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(handler).not.toHaveBeenCalled();
  });

  it("serves HTTPS with HSTS, errors included", async () => {
    configure({ NEXTAUTH_URL: "https://console.example.com" });
    const { plain, tenant } = await apiCaller();
    const served = await me(
      apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId, "x-courier-proto": "https" }),
      noParams,
    );
    expect(served.status).toBe(200);
    expect(served.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const refused = await me(apiRequest("/me", { authorization: `Bearer ${UNKNOWN_TOKEN}`, "x-courier-proto": "https" }), noParams);
    expect(await envelope(refused)).toEqual([401, "invalid_token"]);
    expect(refused.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("takes the proxy's word for the scheme only with TRUST_PROXY", async () => {
    configure({ NEXTAUTH_URL: "https://console.example.com", TRUST_PROXY: "true" });
    const response = await me(
      apiRequest("/me", { authorization: `Bearer ${UNKNOWN_TOKEN}`, "x-courier-proto": "http", "x-forwarded-proto": "https" }),
      noParams,
    );
    expect(await envelope(response)).toEqual([401, "invalid_token"]);
  });

  it("never reads a password sent to token login over plain HTTP", async () => {
    configure({ NEXTAUTH_URL: "https://console.example.com" });
    const { tenant, user } = await apiCaller();
    const request = apiRequest(
      "/auth/token",
      { "x-tenant": tenant.clientId, "content-type": "application/json", "x-courier-proto": "http", "x-courier-peer": "198.51.100.9" },
      { method: "POST", body: JSON.stringify({ username: user.username, password: "a-guess" }) },
    );
    expect(await envelope(await tokenLogin(request, noParams))).toEqual([403, "https_required"]);
    // Not even counted as a sign-in attempt.
    expect(await (await db()).loginFailure.count({ where: { ip: "api:198.51.100.9" } })).toBe(0);
  });

  it("is documented on every operation", () => {
    for (const operation of Object.values(operations)) expect(errorCodes(operation)).toContain("https_required");
  });
});

describe("without one (the README's http://localhost)", () => {
  it("serves plain HTTP and sends no HSTS", async () => {
    configure({ NEXTAUTH_URL: undefined });
    const response = await me(apiRequest("/me", { authorization: `Bearer ${UNKNOWN_TOKEN}`, "x-courier-proto": "http" }), noParams);
    expect(await envelope(response)).toEqual([401, "invalid_token"]);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("refuses nothing with an http:// public URL either; TLS files come in pairs", async () => {
    configure({ NEXTAUTH_URL: "http://console.internal:3000" });
    const response = await me(apiRequest("/me", { authorization: `Bearer ${UNKNOWN_TOKEN}`, "x-courier-proto": "http" }), noParams);
    expect(await envelope(response)).toEqual([401, "invalid_token"]);
    expect(() => parseEnv({ TLS_CERT_FILE: "/etc/cert.pem" })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE must be set together/);
    expect(parseEnv({ TLS_CERT_FILE: "/etc/cert.pem", TLS_KEY_FILE: "/etc/key.pem" })).toMatchObject({ TLS_KEY_FILE: "/etc/key.pem" });
  });
});

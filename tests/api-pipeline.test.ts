import type { Prisma } from "@prisma/client";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { updatePermissions, revokeToken, deactivateApiUser } from "@/lib/api-users/changes";
import type { Actor } from "@/lib/api-users/rules";
import { ok } from "@/lib/api/envelope";
import { findToken, TokenCache } from "@/lib/api/credentials";
import { operations } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { changeFeedReady } from "@/lib/db/broadcast";
import { AppError } from "@/lib/server/errors";
import { apiCaller, apiRequest, driverQueries, envelope, noParams, testPipeline, tokenLookups } from "./support/api";

// The pipeline in-process on the real database: token verification, scope, permission,
// errors, and the activity it leaves. (The HTTP side is e2e/api-pipeline.spec.ts.)

const pipeline = testPipeline();
const { apiRoute, publicRoute } = pipeline;
afterAll(() => pipeline.close());

const handler = vi.fn(async (_args: unknown) => ok({ fine: true }));
const readShipments = apiRoute(operations.listShipments, async (args) => handler(args));
const anyToken = apiRoute(operations.getMe, async ({ ctx }) => ok(ctx));
const actor: Actor = { memberId: "m", email: "admin@test.example", ip: null };

beforeEach(() => handler.mockClear());

describe("token verification", () => {
  it("lets a valid token through with its context", async () => {
    const { plain, tenant, user, token } = await apiCaller({ environment: "TEST" });
    const response = await anyToken(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({
      scope: { tenantId: tenant.id, customerId: null, environment: "TEST" },
      tenant: { id: tenant.id, clientId: tenant.clientId },
      apiUser: { id: user.id, rateLimit: 60, customerId: null },
      token: { id: token.id, environment: "TEST" },
      ip: "203.0.113.7",
    });
    expect(response.headers.get("x-request-id")).toBe(data.requestId);
  });

  it("refuses without a database query what is missing or malformed", async () => {
    const prisma = await db();
    const spy = vi.spyOn(prisma.apiToken, "findUnique");
    const sql = await driverQueries(async () => {
      expect(await envelope(await readShipments(apiRequest("/x"), noParams))).toEqual([401, "missing_token"]);
      expect(await envelope(await readShipments(apiRequest("/x", { "x-api-key": "cc_live_abc" }), noParams))).toEqual([
        401,
        "invalid_token",
      ]);
      expect(await envelope(await readShipments(apiRequest("/x", { authorization: "Token abc" }), noParams))).toEqual([
        401,
        "invalid_token",
      ]);
    });
    expect(sql).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it("looks a token up in one query", async () => {
    const { plain, tenant } = await apiCaller();
    const prisma = await db();
    const find = vi.spyOn(prisma.apiToken, "findUnique");
    const sql = await driverQueries(() =>
      anyToken(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams),
    );
    expect(tokenLookups(sql)).toBe(1);
    expect(find).not.toHaveBeenCalled();
    find.mockRestore();
  });

  it.each([
    ["revoked", { revokedAt: new Date() }, 401, "invalid_token"],
    ["past its rotation overlap", { expiresAt: new Date(Date.now() - 1000) }, 401, "token_expired"],
  ] as const)("a %s token fails on the next request", async (_what, change, status, code) => {
    const { plain, tenant, token } = await apiCaller();
    const call = () => readShipments(apiRequest("/x", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    expect((await call()).status).toBe(200);
    await (await db()).apiToken.update({ where: { id: token.id }, data: change });
    expect(await envelope(await call())).toEqual([status, code]);
  });

  it("a token within its rotation overlap still works", async () => {
    const { plain, tenant, token } = await apiCaller();
    await (await db()).apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect(
      (await readShipments(apiRequest("/x", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams)).status,
    ).toBe(200);
  });

  const userChanges: [string, Prisma.ApiUserUpdateInput, number, string][] = [
    ["deleted", { deletedAt: new Date() }, 401, "invalid_token"],
    ["deactivated", { active: false }, 403, "api_user_inactive"],
    ["stripped of the permission", { permissions: ["services:list"] }, 403, "permission_denied"],
  ];
  it.each(userChanges)("a user %s fails on the next request", async (_what, change, status, code) => {
    const { plain, tenant, user } = await apiCaller();
    const call = () => readShipments(apiRequest("/x", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    expect((await call()).status).toBe(200);
    await (await db()).apiUser.update({ where: { id: user.id }, data: change });
    expect(await envelope(await call())).toEqual([status, code]);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe("tenant scope", () => {
  it("gives a tenant-wide user the tenant or one of its customers, nothing else", async () => {
    const { plain, tenant, customer } = await apiCaller();
    const other = await apiCaller();
    const call = (xTenant?: string) =>
      anyToken(apiRequest("/me", { authorization: `Bearer ${plain}`, ...(xTenant !== undefined && { "x-tenant": xTenant }) }), noParams);
    expect((await (await call(tenant.clientId)).json()).data.scope.customerId).toBeNull();
    expect((await (await call(customer.clientId)).json()).data.scope.customerId).toBe(customer.id);
    expect(await envelope(await call())).toEqual([400, "missing_tenant"]);
    expect(await envelope(await call(other.tenant.clientId))).toEqual([403, "tenant_mismatch"]);
    expect(await envelope(await call(other.customer.clientId))).toEqual([403, "tenant_mismatch"]);
    expect(await envelope(await call("CC-DOESNOTX"))).toEqual([403, "tenant_mismatch"]);
  });

  it("gives a customer's user its customer only", async () => {
    const { plain, tenant, customer } = await apiCaller({ customer: true });
    const prisma = await db();
    const sibling = await prisma.customer.create({
      data: { tenantId: tenant.id, name: "Sibling", clientId: `CC-S${tenant.id.slice(-7).toUpperCase()}` },
    });
    const call = (xTenant: string) => anyToken(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": xTenant }), noParams);
    expect((await (await call(customer.clientId)).json()).data.scope.customerId).toBe(customer.id);
    expect(await envelope(await call(tenant.clientId))).toEqual([403, "tenant_mismatch"]);
    expect(await envelope(await call(sibling.clientId))).toEqual([403, "tenant_mismatch"]);
  });
});

describe("errors", () => {
  it("turns an unexpected error into a 500 with the request id and no internals", async () => {
    const { plain, tenant } = await apiCaller();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = apiRoute(operations.getMe, async () => {
      throw new Error("connection string postgres://secret@db");
    });
    const response = await broken(apiRequest("/x", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    const body = await response.json();
    expect(response.status).toBe(500);
    expect(body.error.code).toBe("internal_error");
    expect(body.error.message).toContain(response.headers.get("x-request-id"));
    expect(JSON.stringify(body)).not.toContain("secret");
    log.mockRestore();
  });

  it("answers an AppError from a public route in the envelope, with a request id", async () => {
    const route = publicRoute(operations.health, async () => {
      throw new AppError("token_revoked");
    });
    const response = await route(apiRequest("/x"), noParams);
    expect(await envelope(response)).toEqual([409, "token_revoked"]);
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("activity", () => {
  it("records one event per call and the token's last use, and never the token", async () => {
    const { plain, tenant, customer, token, user } = await apiCaller();
    await readShipments(apiRequest("/shipments?page=2", { authorization: `Bearer ${plain}`, "x-tenant": customer.clientId }), noParams);
    await readShipments(apiRequest("/shipments", { authorization: `Bearer ${plain}` }), noParams);
    await pipeline.queue.flush();
    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.method, e.path, e.status, e.customerId, e.apiUserId, e.apiTokenId, e.actor, e.ip])).toEqual([
      ["shipments.read", "GET", "/v1/shipments", 200, customer.id, user.id, token.id, user.username, "203.0.113.7"],
      ["shipments.read", "GET", "/v1/shipments", 400, null, user.id, token.id, user.username, "203.0.113.7"],
    ]);
    expect(JSON.stringify(events)).not.toContain(plain.slice(8, -9));
    const used = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(used.lastUsedIp).toBe("203.0.113.7");
    expect(used.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe("verified-token cache", () => {
  // Each test gets a pipeline of its own with the cache on (API_TOKEN_CACHE_MS=60000).
  let withCache: ReturnType<typeof testPipeline> | undefined;
  afterEach(async () => {
    await withCache?.close();
    withCache = undefined;
  });

  async function cached() {
    withCache = testPipeline({ tokenCacheMs: 60_000 });
    // On PostgreSQL the cache is bypassed until this process LISTENs (lib/db/broadcast.ts).
    await changeFeedReady();
    expect(withCache.tokens.cache.enabled).toBe(true);
    return withCache.apiRoute(operations.listShipments, async (args) => handler(args));
  }

  it("serves a token from memory until the dashboard changes the user, then from the database", async () => {
    const readShipments = await cached();
    const { plain, tenant, user } = await apiCaller({ permissions: ["shipments:read", "services:list"] });
    const call = () => readShipments(apiRequest("/x", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    const sql = await driverQueries(async () => {
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
    });
    expect(tokenLookups(sql)).toBe(1);

    // Through lib/api-users (the dashboard), which announces the change: the very next request sees it.
    await updatePermissions({ tenantId: tenant.id, customerId: null }, actor, {
      scope: "",
      apiUserId: user.id,
      permissions: ["services:list"],
    });
    expect(await envelope(await call())).toEqual([403, "permission_denied"]);
    await updatePermissions({ tenantId: tenant.id, customerId: null }, actor, {
      scope: "",
      apiUserId: user.id,
      permissions: ["shipments:read"],
    });
    expect((await call()).status).toBe(200);
    await deactivateApiUser({ tenantId: tenant.id, customerId: null }, actor, { scope: "", apiUserId: user.id });
    expect((await call()).status).toBeGreaterThanOrEqual(401);
  });

  it("drops a token revoked in the dashboard at once", async () => {
    const readShipments = await cached();
    const { plain, tenant, token } = await apiCaller();
    const call = () => readShipments(apiRequest("/x", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    expect((await call()).status).toBe(200);
    await revokeToken({ tenantId: tenant.id, customerId: null }, actor, { scope: "", tokenId: token.id });
    expect(await envelope(await call())).toEqual([401, "invalid_token"]);
  });

  it("expires entries after the TTL and does not cache unknown tokens", async () => {
    const cache = new TokenCache(1000);
    const { token } = await apiCaller();
    const record = await findToken(token.tokenHash);
    cache.set(token.tokenHash, record, 0);
    expect(cache.get(token.tokenHash, 999)).toBe(record);
    expect(cache.get(token.tokenHash, 1000)).toBeUndefined();
    expect(new TokenCache(0).enabled).toBe(false);
  });
});

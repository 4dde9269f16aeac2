import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@prisma/client";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import * as apiUsers from "@/lib/api-users/changes";
import { listApiUsers } from "@/lib/api-users/queries";
import { CreateApiUserInput, type ApiAccessScope, type Actor } from "@/lib/api-users/rules";
import { AppError } from "@/lib/server/errors";
import { onCredentialsChanged } from "@/lib/credentials/events";
import { makeTenant } from "./support/fixtures";

const TOKEN = /^cc_(live|test)_[0-9a-f]{64}_[0-9a-f]{8}$/;

async function setup() {
  const tenant = await makeTenant();
  const customer = tenant.customers[0];
  if (!customer) throw new Error("fixture without customer");
  const member = (role: Role) => {
    const m = tenant.members.find((x) => x.role === role);
    if (!m) throw new Error(`no ${role}`);
    return m;
  };
  const admin = member("ADMIN");
  const actor: Actor = { memberId: admin.id, email: admin.email, ip: "198.51.100.7" };
  const tenantScope: ApiAccessScope = { tenantId: tenant.id, customerId: null };
  const customerScope: ApiAccessScope = { tenantId: tenant.id, customerId: customer.id };
  return { tenant, customer, member, admin, actor, tenantScope, customerScope };
}

function createInput(username: string, extra: Record<string, unknown> = {}) {
  return CreateApiUserInput.parse({
    scope: "",
    username,
    password: "secret-1",
    permissions: ["shipments:read", "tracking:read"],
    ...extra,
  });
}

async function notFoundFrom(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(404);
}

async function snapshot(tenantId: string) {
  const prisma = await db();
  return {
    users: await prisma.apiUser.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    tokens: await prisma.apiToken.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    events: await prisma.activityEvent.count({ where: { tenantId } }),
  };
}

describe("API users (lib/api-users against the database)", () => {
  let changed: string[] = [];
  beforeEach(() => {
    changed = [];
    return onCredentialsChanged((id) => changed.push(id));
  });

  it("creates a user and its first token: only the hash and hint are stored", async () => {
    const { tenantScope, actor, tenant } = await setup();
    const result = await apiUsers.createApiUser(
      tenantScope,
      actor,
      createInput("Shop.Owner", { environment: "test", email: "Dev@Shop.Example" }),
    );
    expect(result.token).toMatch(TOKEN);
    expect(result.token.startsWith("cc_test_")).toBe(true);
    expect(result.hint).toBe(`cc_test_…${result.token.slice(-4)}`);

    const prisma = await db();
    const user = await prisma.apiUser.findUniqueOrThrow({ where: { id: result.apiUserId }, include: { tokens: true } });
    expect(user).toMatchObject({
      tenantId: tenant.id,
      customerId: null,
      username: "Shop.Owner",
      usernameLower: "shop.owner",
      email: "dev@shop.example",
      active: true,
      rateLimit: null,
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.tokens).toHaveLength(1);
    expect(user.tokens[0]?.tokenHash).toBe(createHash("sha256").update(result.token).digest("hex"));
    expect(user.tokens[0]?.hint).toBe(result.hint);
    expect(user.tokens[0]?.environment).toBe("TEST");

    const events = await prisma.activityEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { action: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["api_user.create", "token.issue"]);
    for (const e of events) {
      expect(e).toMatchObject({ actor: actor.email, ip: actor.ip, customerId: null, apiUserId: user.id });
      const text = JSON.stringify(e);
      expect(text).not.toContain(result.token);
      expect(text).not.toContain(result.token.slice(8, 72));
      expect(text).not.toContain(user.tokens[0]?.tokenHash);
      expect(text).not.toContain("secret-1");
    }
  });

  it("puts a customer's user and its events under that customer", async () => {
    const { customerScope, actor, customer, tenant } = await setup();
    const result = await apiUsers.createApiUser(customerScope, actor, createInput("northwind"));
    expect(result.token.startsWith("cc_live_")).toBe(true);
    expect((await listApiUsers(customerScope)).map((u) => u.username)).toEqual(["northwind"]);
    expect(await listApiUsers({ tenantId: tenant.id, customerId: null })).toEqual([]);
    const prisma = await db();
    expect(await prisma.activityEvent.count({ where: { tenantId: tenant.id, customerId: customer.id } })).toBe(2);
  });

  it("refuses a username taken in the tenant, whatever its case, and nothing is left behind", async () => {
    const { tenantScope, customerScope, actor, tenant } = await setup();
    await apiUsers.createApiUser(tenantScope, actor, createInput("Warehouse"));
    const before = await snapshot(tenant.id);
    const error = await apiUsers.createApiUser(customerScope, actor, createInput("wAREHOUSE")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({ fields: { username: ["That username is taken."] } });
    expect(await snapshot(tenant.id)).toEqual(before);

    // Another tenant may use the same name.
    const other = await setup();
    await expect(apiUsers.createApiUser(other.tenantScope, other.actor, createInput("warehouse"))).resolves.toBeTruthy();
  });

  it("rotates with an overlap: the old token expires later, the new one is active", async () => {
    const { tenantScope, actor } = await setup();
    const created = await apiUsers.createApiUser(tenantScope, actor, createInput("rotator"));
    const prisma = await db();
    const old = await prisma.apiToken.findFirstOrThrow({ where: { apiUserId: created.apiUserId } });
    const now = new Date("2030-01-01T00:00:00Z");
    const rotated = await apiUsers.rotateToken(tenantScope, actor, { scope: null, tokenId: old.id, overlap: "24h", expiresAt: null }, now);
    expect(rotated.token).toMatch(TOKEN);
    expect(rotated.token).not.toBe(created.token);
    const after = await prisma.apiToken.findUniqueOrThrow({ where: { id: old.id } });
    expect(after.revokedAt).toBeNull();
    expect(after.expiresAt?.toISOString()).toBe("2030-01-02T00:00:00.000Z");
    const fresh = await prisma.apiToken.findUniqueOrThrow({
      where: { tokenHash: createHash("sha256").update(rotated.token).digest("hex") },
    });
    expect(fresh).toMatchObject({ revokedAt: null, expiresAt: null, environment: "LIVE" });
    const rotation = await prisma.activityEvent.findFirstOrThrow({ where: { apiUserId: created.apiUserId, action: "token.rotate" } });
    expect(rotation.details).toMatchObject({ overlap: "24h", oldHint: old.hint, hint: rotated.hint });
    expect(JSON.stringify(rotation)).not.toContain(rotated.token);
    expect(changed).toContain(created.apiUserId);

    // "now" revokes the token that was just issued.
    await apiUsers.rotateToken(tenantScope, actor, { scope: null, tokenId: fresh.id, overlap: "now", expiresAt: null });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: fresh.id } })).revokedAt).not.toBeNull();
  });

  it("deactivates: inactive, tokens refused but not revoked; activating revokes every live token", async () => {
    const { tenantScope, actor } = await setup();
    const created = await apiUsers.createApiUser(tenantScope, actor, createInput("sleepy"));
    const ref = { scope: null, apiUserId: created.apiUserId };
    await apiUsers.issueToken(tenantScope, actor, { ...ref, name: "second", environment: "TEST", expiresAt: null });
    await apiUsers.deactivateApiUser(tenantScope, actor, ref);
    const prisma = await db();
    const user = await prisma.apiUser.findUniqueOrThrow({ where: { id: created.apiUserId }, include: { tokens: true } });
    expect(user.active).toBe(false);
    expect(user.tokens).toHaveLength(2);
    // Left unrevoked so the API can answer 403 api_user_inactive rather than 401 invalid_token.
    expect(user.tokens.every((t) => t.revokedAt === null)).toBe(true);
    await expect(
      apiUsers.issueToken(tenantScope, actor, { ...ref, name: null, environment: "LIVE", expiresAt: null }),
    ).rejects.toMatchObject({
      status: 409,
    });

    await apiUsers.activateApiUser(tenantScope, actor, ref);
    const again = await prisma.apiUser.findUniqueOrThrow({ where: { id: created.apiUserId }, include: { tokens: true } });
    expect(again.active).toBe(true);
    expect(again.tokens.every((t) => t.revokedAt !== null)).toBe(true);
    const events = await prisma.activityEvent.findMany({
      where: { apiUserId: created.apiUserId, action: { in: ["api_user.deactivate", "api_user.activate"] } },
    });
    expect(events.find((e) => e.action === "api_user.deactivate")?.details).toMatchObject({ refusedTokens: 2 });
    expect(events.find((e) => e.action === "api_user.activate")?.details).toMatchObject({ revokedTokens: 2 });

    // A token issued after activation is the only one that works; a second round revokes it too.
    await apiUsers.issueToken(tenantScope, actor, { ...ref, name: "third", environment: "LIVE", expiresAt: null });
    await apiUsers.deactivateApiUser(tenantScope, actor, ref);
    await apiUsers.activateApiUser(tenantScope, actor, ref);
    const last = await prisma.apiToken.findMany({ where: { apiUserId: created.apiUserId, revokedAt: null } });
    expect(last).toHaveLength(0);
  });

  it("updates permissions and the rate limit, revokes one token and all tokens, one event each", async () => {
    const { tenantScope, actor } = await setup();
    const created = await apiUsers.createApiUser(tenantScope, actor, createInput("busy"));
    const ref = { scope: null, apiUserId: created.apiUserId };
    const prisma = await db();
    await apiUsers.updatePermissions(tenantScope, actor, { ...ref, permissions: ["services:list"] });
    await apiUsers.updateRateLimit(tenantScope, actor, { ...ref, mode: "custom", rateLimit: 500 });
    let user = await prisma.apiUser.findUniqueOrThrow({ where: { id: created.apiUserId } });
    expect(user).toMatchObject({ permissions: ["services:list"], rateLimit: 500 });
    await apiUsers.updateRateLimit(tenantScope, actor, { ...ref, mode: "default", rateLimit: null });
    user = await prisma.apiUser.findUniqueOrThrow({ where: { id: created.apiUserId } });
    expect(user.rateLimit).toBeNull();

    const [first] = await prisma.apiToken.findMany({ where: { apiUserId: created.apiUserId } });
    await apiUsers.revokeToken(tenantScope, actor, { scope: null, tokenId: first?.id ?? "" });
    await apiUsers.issueToken(tenantScope, actor, { ...ref, name: "ci", environment: "LIVE", expiresAt: null });
    expect((await apiUsers.revokeAllTokens(tenantScope, actor, ref)).revoked).toBe(1);
    const actions = (await prisma.activityEvent.findMany({ where: { apiUserId: created.apiUserId } })).map((e) => e.action).sort();
    expect(actions).toEqual([
      "api_user.create",
      "permissions.update",
      "rate_limit.update",
      "rate_limit.update",
      "token.issue",
      "token.issue",
      "token.revoke",
      "token.revoke",
    ]);
  });

  it("deletes (sudo mode is the server action's: tests/sudo.test.ts)", async () => {
    const { tenantScope, actor } = await setup();
    const prisma = await db();
    const created = await apiUsers.createApiUser(tenantScope, actor, createInput("doomed"));
    const ref = { scope: null, apiUserId: created.apiUserId };
    await apiUsers.deleteApiUser(tenantScope, actor, ref);
    const user = await prisma.apiUser.findUniqueOrThrow({ where: { id: created.apiUserId }, include: { tokens: true } });
    expect(user.deletedAt).not.toBeNull();
    expect(user.tokens.every((t) => t.revokedAt !== null)).toBe(true);
    expect(await listApiUsers(tenantScope)).toEqual([]);
    await notFoundFrom(apiUsers.activateApiUser(tenantScope, actor, ref));
    // The name is free again.
    await expect(apiUsers.createApiUser(tenantScope, actor, createInput("DOOMED"))).resolves.toBeTruthy();
  });

  it("another tenant's member, or another customer's page, gets not-found and nothing changes", async () => {
    const home = await setup();
    const rival = await setup();
    const prisma = await db();
    await prisma.member.update({ where: { id: rival.admin.id }, data: { passwordHash: await hashPassword("rival-password") } });
    const created = await apiUsers.createApiUser(home.customerScope, home.actor, createInput("target"));
    const token = await prisma.apiToken.findFirstOrThrow({ where: { apiUserId: created.apiUserId } });
    const before = await snapshot(home.tenant.id);

    // The rival names our customer id as its scope: the tenant still comes from its session.
    const foreign: ApiAccessScope = { tenantId: rival.tenant.id, customerId: home.customer.id };
    const userRef = { scope: home.customer.id, apiUserId: created.apiUserId };
    const tokenRef = { scope: home.customer.id, tokenId: token.id };
    for (const scope of [foreign, rival.tenantScope, home.tenantScope]) {
      const actor = scope.tenantId === home.tenant.id ? home.actor : rival.actor;
      await notFoundFrom(apiUsers.updatePermissions(scope, actor, { ...userRef, permissions: ["shipments:create"] }));
      await notFoundFrom(apiUsers.updateRateLimit(scope, actor, { ...userRef, mode: "custom", rateLimit: 5 }));
      await notFoundFrom(apiUsers.issueToken(scope, actor, { ...userRef, name: null, environment: "LIVE", expiresAt: null }));
      await notFoundFrom(apiUsers.rotateToken(scope, actor, { ...tokenRef, overlap: "now", expiresAt: null }));
      await notFoundFrom(apiUsers.revokeToken(scope, actor, tokenRef));
      await notFoundFrom(apiUsers.revokeAllTokens(scope, actor, userRef));
      await notFoundFrom(apiUsers.deactivateApiUser(scope, actor, userRef));
      expect(await listApiUsers(scope)).toEqual([]);
    }
    await notFoundFrom(apiUsers.deleteApiUser(foreign, rival.actor, userRef));
    await notFoundFrom(apiUsers.createApiUser(foreign, rival.actor, createInput("sneaky")));
    expect(await snapshot(home.tenant.id)).toEqual(before);
    expect(await prisma.apiUser.count({ where: { tenantId: rival.tenant.id } })).toBe(0);
  });
});

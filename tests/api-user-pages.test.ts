import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { disableToken, enableToken, renameToken, deactivateApiUser, revokeToken } from "@/lib/api-users/changes";
import { apiUserPage, listSql } from "@/lib/api-users/list";
import { ApiUserListQuery, type Actor, type ApiUserListQueryInput } from "@/lib/api-users/rules";
import { findApiUser, listUserTokens, userActivityPage } from "@/lib/api-users/user-page";
import { dashboardEnvironment, setDashboardEnvironment } from "@/lib/auth/environment";
import { issueTokenSecret } from "@/lib/credentials/tokens";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { apiCaller, apiRequest, envelope, noParams, testPipeline } from "./support/api";
import { makeTenant } from "./support/fixtures";

// The API user lists and pages (lib/api-users/list.ts, user-page.ts) and the token states
// the Keys & tokens tab changes, against the real database and the real API pipeline.

const actor: Actor = { memberId: "m", email: "admin@test.example", ip: "198.51.100.9" };
const query = (input: Partial<ApiUserListQueryInput> = {}) => ApiUserListQuery.parse(input);

/** `count` users in the scope: user-0000 … with e-mails, every third inactive. */
async function seedUsers(tenantId: string, customerId: string | null, count: number, prefix = "user") {
  const prisma = await db();
  await prisma.apiUser.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const username = `${prefix}-${String(i).padStart(4, "0")}`;
      return {
        tenantId,
        customerId,
        username,
        usernameLower: username.toLowerCase(),
        email: `${username.toLowerCase()}@shop${i % 7}.example`,
        passwordHash: "unused",
        permissions: ["shipments:read"],
        active: i % 3 !== 0,
      };
    }),
  });
}

async function allPages(scope: { tenantId: string; customerId: string | null }, input: Partial<ApiUserListQueryInput>) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await apiUserPage(scope, query({ ...input, after }), 25);
    seen.push(...page.users.map((u) => u.username));
    if (!page.next) return { seen, pages: pages + 1, total: page.total };
    after = page.next;
  }
  throw new Error("paging did not end");
}

describe("the API user lists", () => {
  it("pages through 1,000 users of a scope by name and by last use, each exactly once, in order", async () => {
    const prisma = await db();
    const tenant = await makeTenant();
    const customer = tenant.customers[0]!;
    await seedUsers(tenant.id, customer.id, 1000);
    await seedUsers(tenant.id, null, 5, "wide"); // another scope of the same tenant
    const scope = { tenantId: tenant.id, customerId: customer.id };

    const byName = await allPages(scope, { sort: "name" });
    expect(byName.total).toBe(1000);
    expect(byName.pages).toBe(40);
    expect(byName.seen).toHaveLength(1000);
    expect(byName.seen).toEqual([...byName.seen].sort());
    expect(new Set(byName.seen).size).toBe(1000);

    // Some users were used: their tokens' lastUsedAt reaches the user row (trigger), several at one instant.
    const users = await prisma.apiUser.findMany({ where: { customerId: customer.id }, orderBy: { usernameLower: "asc" }, take: 60 });
    const base = Date.parse("2026-11-20T10:00:00.000Z");
    for (const [i, user] of users.entries()) {
      const secret = issueTokenSecret("LIVE");
      const token = await prisma.apiToken.create({
        data: { tenantId: tenant.id, apiUserId: user.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: "LIVE" },
      });
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(base + Math.floor(i / 4) * 60_000) } });
    }
    const byUse = await allPages(scope, { sort: "last_used" });
    expect(byUse.seen).toHaveLength(1000);
    expect(new Set(byUse.seen).size).toBe(1000);
    const rows = await prisma.apiUser.findMany({ where: { customerId: customer.id }, select: { username: true, lastUsedAt: true } });
    const at = new Map(rows.map((r) => [r.username, r.lastUsedAt?.getTime() ?? -1]));
    const times = byUse.seen.map((name) => at.get(name) ?? -1);
    expect(times.slice(0, 60).every((t) => t > 0)).toBe(true);
    expect(times.slice(60).every((t) => t === -1)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("walks an index for each sort, not a sort of the whole scope (EXPLAIN)", async () => {
    const prisma = await db();
    const tenant = await makeTenant();
    const customer = tenant.customers[0]!;
    await seedUsers(tenant.id, customer.id, 1000, "plan");
    await seedUsers(tenant.id, null, 1000, "wideplan");
    await prisma.$executeRawUnsafe(`ANALYZE "ApiUser"`);
    for (const scope of [
      { tenantId: tenant.id, customerId: customer.id },
      { tenantId: tenant.id, customerId: null },
    ]) {
      for (const [sort, index] of [
        ["name", "ApiUser_tenantId_customerId_usernameLower_id_deletedAt_idx"],
        ["last_used", "ApiUser_tenantId_customerId_lastUsedAt_id_idx"],
      ] as const) {
        const first = await apiUserPage(scope, query({ sort }), 25);
        for (const after of [undefined, first.next ?? undefined]) {
          const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
            Prisma.sql`EXPLAIN ${listSql(scope, query({ sort, after, status: "active" }), 26)}`,
          );
          const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
          expect(text, text).toContain(index);
          expect(text, text).not.toMatch(/\bSort\b/);
        }
      }
    }
  });

  it("finds users by username or e-mail (any text inert), filters by status, and keeps to its scope", async () => {
    const tenant = await makeTenant();
    const other = await makeTenant();
    const customer = tenant.customers[0]!;
    await seedUsers(tenant.id, customer.id, 30, "Shop");
    await seedUsers(tenant.id, null, 30, "Wide");
    await seedUsers(other.id, other.customers[0]!.id, 30, "Shop");
    const scope = { tenantId: tenant.id, customerId: customer.id };

    const one = await apiUserPage(scope, query({ q: "shop-0017" }));
    expect(one.users.map((u) => u.username)).toEqual(["Shop-0017"]);
    const byMail = await apiUserPage(scope, query({ q: "@SHOP3.example", sort: "name" }));
    expect(byMail.users.map((u) => u.username)).toEqual(["Shop-0003", "Shop-0010", "Shop-0017", "Shop-0024"]);
    for (const text of ["%", "_", "\\", "' OR 1=1 --", "<script>"]) {
      expect((await apiUserPage(scope, query({ q: text }))).total).toBe(0);
    }
    expect((await apiUserPage(scope, query({ status: "inactive" }))).total).toBe(10);
    expect((await apiUserPage(scope, query({ status: "active" }))).total).toBe(20);
    expect((await apiUserPage(scope, query({ after: "garbage~~" }))).users).toHaveLength(25);
    expect((await apiUserPage(scope, query({ q: "wide" }))).total).toBe(0);
    expect((await apiUserPage({ tenantId: tenant.id, customerId: null }, query({ q: "wide" }))).total).toBe(30);
    // Another tenant's customer id as the scope: nothing.
    expect((await apiUserPage({ tenantId: tenant.id, customerId: other.customers[0]!.id }, query())).total).toBe(0);
  });
});

describe("an API user's page", () => {
  const pipeline = testPipeline();
  afterAll(() => pipeline.close());
  const me = pipeline.apiRoute(operations.getMe, async () => ok({ fine: true }));

  it("is not found for another tenant's user", async () => {
    const mine = await apiCaller();
    const theirs = await apiCaller();
    expect(await findApiUser(mine.tenant.id, mine.user.id)).toMatchObject({ id: mine.user.id });
    expect(await findApiUser(mine.tenant.id, theirs.user.id)).toBeNull();
    expect(await listUserTokens(mine.tenant.id, theirs.user.id, "LIVE")).toEqual([]);
    expect((await userActivityPage(mine.tenant.id, theirs.user.id, "LIVE", undefined)).events).toEqual([]);
  });

  it("disables a token (403 token_disabled on its next request) and enables it again: the same string works", async () => {
    const { plain, tenant, token, user } = await apiCaller();
    const scope = { tenantId: tenant.id, customerId: null };
    const call = async () =>
      envelope(await me(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams));
    expect(await call()).toEqual([200, undefined]);
    await disableToken(scope, actor, { scope: null, tokenId: token.id });
    expect(await call()).toEqual([403, "token_disabled"]);
    await expect(disableToken(scope, actor, { scope: null, tokenId: token.id })).rejects.toMatchObject({ code: "token_already_disabled" });
    await enableToken(scope, actor, { scope: null, tokenId: token.id });
    expect(await call()).toEqual([200, undefined]);
    await expect(enableToken(scope, actor, { scope: null, tokenId: token.id })).rejects.toMatchObject({ code: "token_not_disabled" });

    // Order of the states: an inactive user is told so before its token is disabled; revoked is 401.
    await disableToken(scope, actor, { scope: null, tokenId: token.id });
    await deactivateApiUser(scope, actor, { scope: null, apiUserId: user.id });
    expect(await call()).toEqual([403, "api_user_inactive"]);
    const prisma = await db();
    await prisma.apiUser.update({ where: { id: user.id }, data: { active: true } });
    await revokeToken(scope, actor, { scope: null, tokenId: token.id });
    expect(await call()).toEqual([401, "invalid_token"]);
    await expect(enableToken(scope, actor, { scope: null, tokenId: token.id })).rejects.toMatchObject({ code: "token_not_active" });

    const actions = (await userActivityPage(tenant.id, user.id, "LIVE", undefined)).events.map((e) => e.action);
    expect(actions.filter((a) => a === "token.disable")).toHaveLength(2);
    expect(actions).toContain("token.enable");
  });

  it("a token of a cached pipeline is refused on its very next request once disabled", async () => {
    const cached = testPipeline({ tokenCacheMs: 60_000 });
    try {
      const route = cached.apiRoute(operations.getMe, async () => ok({ fine: true }));
      const { plain, tenant, token } = await apiCaller();
      const call = async () =>
        envelope(await route(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams));
      expect(await call()).toEqual([200, undefined]);
      await disableToken({ tenantId: tenant.id, customerId: null }, actor, { scope: null, tokenId: token.id });
      expect(await call()).toEqual([403, "token_disabled"]);
    } finally {
      await cached.close();
    }
  });

  it("renames a token, and another tenant's token id changes nothing", async () => {
    const { tenant, token, user } = await apiCaller();
    const other = await apiCaller();
    const scope = { tenantId: tenant.id, customerId: null };
    await renameToken(scope, actor, { scope: null, tokenId: token.id, name: "ERP production" });
    const [renamed] = await listUserTokens(tenant.id, user.id, "LIVE");
    expect(renamed?.name).toBe("ERP production");
    const refused = await renameToken(scope, actor, { scope: null, tokenId: other.token.id, name: "x" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(404);
    const [untouched] = await listUserTokens(other.tenant.id, other.user.id, "LIVE");
    expect(untouched?.name).toBeNull();
  });

  it("pages the user's activity by (time, id), stable when events share a millisecond, split by environment", async () => {
    const prisma = await db();
    const live = await apiCaller();
    const secret = issueTokenSecret("TEST");
    const testToken = await prisma.apiToken.create({
      data: { tenantId: live.tenant.id, apiUserId: live.user.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: "TEST" },
    });
    const at = new Date("2026-11-25T12:00:00.000Z");
    await prisma.activityEvent.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        tenantId: live.tenant.id,
        apiUserId: live.user.id,
        apiTokenId: i % 4 === 0 ? testToken.id : live.token.id,
        actor: live.user.username,
        action: "api.call",
        createdAt: new Date(at.getTime() + Math.floor(i / 10)), // ten events per millisecond
      })),
    });
    const walk = async (environment: "LIVE" | "TEST") => {
      const ids: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await userActivityPage(live.tenant.id, live.user.id, environment, before, 7);
        ids.push(...page.events.map((e) => e.id));
        if (!page.older) return ids;
        before = page.older;
      }
    };
    const liveIds = await walk("LIVE");
    const testIds = await walk("TEST");
    expect(liveIds).toHaveLength(90);
    expect(testIds).toHaveLength(30);
    expect(new Set([...liveIds, ...testIds]).size).toBe(120);
    const expected = await prisma.activityEvent.findMany({
      where: { apiUserId: live.user.id, apiTokenId: live.token.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(liveIds).toEqual(expected.map((e) => e.id));
  });

  it("remembers the Test / Live switch per member", async () => {
    const tenant = await makeTenant();
    const [a, b] = tenant.members;
    expect(await dashboardEnvironment(a!)).toBe("LIVE");
    await setDashboardEnvironment(a!, "TEST");
    const prisma = await db();
    const rows = await prisma.member.findMany({ where: { tenantId: tenant.id }, select: { id: true, dashboardEnvironment: true } });
    expect(rows.find((r) => r.id === a!.id)?.dashboardEnvironment).toBe("TEST");
    expect(rows.find((r) => r.id === b!.id)?.dashboardEnvironment).toBe("LIVE");
  });
});

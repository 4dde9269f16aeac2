import { afterAll, describe, expect, it } from "vitest";
import { issueToken, rotateToken } from "@/lib/api-users/changes";
import { expiringSoonByUser, expiringSoonTokens } from "@/lib/api-users/expiring";
import { IssueTokenInput, RotateTokenInput, expiryOf, isExpiringSoon, type Actor } from "@/lib/api-users/rules";
import { LoginInput } from "@/lib/api/login-input";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { expiryWarning } from "@/lib/api/steps/expiry";
import { db } from "@/lib/db";
import { apiCaller, apiRequest, envelope, noParams, testPipeline } from "./support/api";

// Token expiry (issue 14): the choices, what the dashboard's changes store, the pipeline's
// token_expired and Warning header, and the "expiring soon" figures.

const DAY = 86_400_000;
const pipeline = testPipeline();
afterAll(() => pipeline.close());
const me = pipeline.apiRoute(operations.getMe, async ({ ctx }) => ok({ token: ctx.token }));
const actor: Actor = { memberId: "m", email: "admin@test.example", ip: null };

describe("expiry choices", () => {
  const now = new Date("2026-11-25T15:00:00Z");
  it("gives 7, 30, 60 or 90 days from now, or never", () => {
    expect(expiryOf("never", "", now)).toEqual({ expiresAt: null });
    for (const [choice, days] of [
      ["7d", 7],
      ["30d", 30],
      ["60d", 60],
      ["90d", 90],
    ] as const) {
      expect(expiryOf(choice, "", now)).toEqual({ expiresAt: new Date(now.getTime() + days * DAY) });
    }
  });

  it("takes a date as the last day the token works (it stops at the next midnight UTC)", () => {
    expect(expiryOf("date", "2026-12-31", now)).toEqual({ expiresAt: new Date("2027-01-01T00:00:00Z") });
    expect(expiryOf("date", "2026-11-25", now)).toEqual({ expiresAt: new Date("2026-11-26T00:00:00Z") });
  });

  it("refuses a missing, impossible, past or far date beside the date field", () => {
    for (const bad of ["", "31/12/2026", "2026-02-30", "2026-11-24", "2040-01-01"]) {
      expect(expiryOf("date", bad, now), bad).toHaveProperty("error");
    }
    const parsed = IssueTokenInput.safeParse({ scope: "", apiUserId: "u1", expiry: "date", expiryDate: "2001-01-01" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["expiryDate"]);
    expect(IssueTokenInput.safeParse({ scope: "", apiUserId: "u1", expiry: "1y" }).success).toBe(false);
  });

  it("is the same rule for POST /v1/auth/token", () => {
    const parsed = LoginInput.parse({ username: "a", password: "b", expiry: "30d" });
    expect(parsed.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * DAY);
    expect(LoginInput.parse({ username: "a", password: "b" }).expiresAt).toBeNull();
    expect(LoginInput.safeParse({ username: "a", password: "b", expiry: "date", expiry_date: "nope" }).error?.issues[0]?.path).toEqual([
      "expiry_date",
    ]);
  });

  it("flags only what stops within 7 days and has not yet", () => {
    expect(isExpiringSoon({ expiresAt: new Date(now.getTime() + 6 * DAY) }, now)).toBe(true);
    expect(isExpiringSoon({ expiresAt: new Date(now.getTime() + 8 * DAY) }, now)).toBe(false);
    expect(isExpiringSoon({ expiresAt: new Date(now.getTime() - 1) }, now)).toBe(false);
    expect(isExpiringSoon({ expiresAt: null }, now)).toBe(false);
  });
});

describe("tokens made with an expiry", () => {
  it("stores the chosen expiry when generating and rotating", async () => {
    const { tenant, user, token } = await apiCaller();
    const scope = { tenantId: tenant.id, customerId: null };
    const issued = await issueToken(scope, actor, IssueTokenInput.parse({ scope: "", apiUserId: user.id, expiry: "7d" }));
    expect(issued.expiresAt!.getTime() - Date.now()).toBeGreaterThan(6 * DAY);
    const prisma = await db();
    const rotated = await rotateToken(
      scope,
      actor,
      RotateTokenInput.parse({ scope: "", tokenId: token.id, overlap: "now", expiry: "date", expiryDate: "2027-03-01" }),
    );
    expect(rotated.expiresAt).toEqual(new Date("2027-03-02T00:00:00Z"));
    const stored = await prisma.apiToken.findMany({ where: { apiUserId: user.id, revokedAt: null }, orderBy: { createdAt: "asc" } });
    expect(stored.map((t) => t.expiresAt?.toISOString())).toEqual([issued.expiresAt!.toISOString(), "2027-03-02T00:00:00.000Z"]);
    const events = await prisma.activityEvent.findMany({ where: { apiUserId: user.id, action: "token.rotate" } });
    expect(events[0]?.details).toMatchObject({ expiresAt: "2027-03-02T00:00:00.000Z" });
  });
});

describe("the pipeline", () => {
  it("refuses an expired token with 401 token_expired, a revoked one still with invalid_token", async () => {
    const { plain, tenant, token } = await apiCaller();
    const prisma = await db();
    const call = () => me(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    await prisma.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await envelope(await call())).toEqual([401, "token_expired"]);
    await prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect(await envelope(await call())).toEqual([401, "invalid_token"]);
  });

  it("warns on every answer made with a token that expires within 7 days, and only then", async () => {
    const { plain, tenant, token } = await apiCaller();
    const prisma = await db();
    const call = (xTenant = tenant.clientId) => me(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": xTenant }), noParams);
    expect((await call()).headers.get("warning")).toBeNull();
    await prisma.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() + 30 * DAY) } });
    expect((await call()).headers.get("warning")).toBeNull();
    const soon = new Date(Date.now() + 3 * DAY);
    await prisma.apiToken.update({ where: { id: token.id }, data: { expiresAt: soon } });
    const answered = await call();
    expect(answered.status).toBe(200);
    expect(answered.headers.get("warning")).toBe(expiryWarning(soon));
    expect(answered.headers.get("warning")).toMatch(/^299 - "[^"]*" "[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"$/);
    // Errors made with it warn too.
    const refused = await call("CC-NOSUCH");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("warning")).toContain(soon.toISOString());
  });
});

describe("expiring soon", () => {
  it("counts the tenant's live tokens that stop within 7 days, per user and in all", async () => {
    const { tenant, user, token } = await apiCaller();
    const prisma = await db();
    const now = new Date();
    expect((await expiringSoonTokens(tenant.id, "LIVE", { now })).count).toBe(0);
    await prisma.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(now.getTime() + 2 * DAY) } });
    const later = await prisma.apiToken.create({
      data: { tenantId: tenant.id, apiUserId: user.id, tokenHash: `h-${token.id}`, hint: "cc_live_…0000", environment: "LIVE" },
    });
    await prisma.apiToken.update({ where: { id: later.id }, data: { expiresAt: new Date(now.getTime() + 20 * DAY) } });
    const soon = await expiringSoonTokens(tenant.id, "LIVE", { now });
    expect(soon.count).toBe(1);
    expect(soon.tokens.map((t) => t.id)).toEqual([token.id]);
    expect(await expiringSoonByUser(tenant.id, [user.id], now)).toEqual(new Map([[user.id, 1]]));
    // Another tenant sees none of it.
    const other = await apiCaller();
    expect(await expiringSoonByUser(other.tenant.id, [user.id], now)).toEqual(new Map());
  });
});

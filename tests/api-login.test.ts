import { randomBytes, randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { activityQueue } from "@/lib/api/activity-queue";
import { login, LoginRefused } from "@/lib/api/login";
import { delayAfter } from "@/lib/auth/login-throttle";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { hashPassword } from "@/lib/auth/passwords";
import { hashToken, parseToken } from "@/lib/credentials/tokens";
import { makeTenant } from "./support/fixtures";

const PASSWORD = "right-password";
// A fresh address per use: on PostgreSQL the LoginFailure rows of earlier runs are still there.
const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
// Likewise a Client ID that names nothing: a fixed one is one throttle bucket for every run,
// locked after five runs within the login window.
const noSuchClientId = () => `CC-NOSUCH${randomBytes(4).toString("hex").toUpperCase()}`;

async function loginUser(options: { active?: boolean; deleted?: boolean; customer?: boolean } = {}) {
  const prisma = await db();
  const tenant = await makeTenant();
  const user = await prisma.apiUser.create({
    data: {
      tenantId: tenant.id,
      customerId: options.customer ? tenant.customers[0]!.id : null,
      username: "Shop.Bot",
      usernameLower: "shop.bot",
      passwordHash: await hashPassword(PASSWORD),
      permissions: ["shipments:read"],
      active: options.active ?? true,
      deletedAt: options.deleted ? new Date() : null,
    },
  });
  return { tenant, user };
}

async function failure(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return [error.status, error.code];
    throw error;
  }
  throw new Error("expected a failure");
}

describe("POST /v1/auth/token (lib/api/login)", () => {
  it("issues a token stored only as its hash, and logs the sign-in", async () => {
    const { tenant, user } = await loginUser();
    const result = await login(tenant.clientId, { username: "shop.bot", password: PASSWORD, environment: "test", name: "CI" }, "192.0.2.1");
    expect(result.user).toEqual({ id: user.id, username: "Shop.Bot", role: "api_client" });
    expect(parseToken(result.token)?.environment).toBe("TEST");
    const prisma = await db();
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(result.token) } });
    expect(stored).toMatchObject({ apiUserId: user.id, name: "CI", environment: "TEST" });
    expect(JSON.stringify(stored)).not.toContain(result.token);
    await activityQueue().flush();
    const events = await prisma.activityEvent.findMany({ where: { tenantId: tenant.id } });
    expect(events.map((e) => [e.action, e.apiTokenId, e.ip])).toEqual([["auth.login", stored.id, "192.0.2.1"]]);
    expect(JSON.stringify(events)).not.toContain(result.token);
  });

  it("answers every wrong credential with the same 401, logging failures of existing users only", async () => {
    const { tenant, user } = await loginUser({ customer: true });
    const other = await makeTenant();
    const from = ip();
    expect(await failure(login(tenant.customers[0]!.clientId, { username: "shop.bot", password: "wrong" }, from))).toEqual([
      401,
      "invalid_credentials",
    ]);
    expect(await failure(login(tenant.customers[0]!.clientId, { username: "nobody", password: PASSWORD }, from))).toEqual([
      401,
      "invalid_credentials",
    ]);
    expect(await failure(login(tenant.clientId, { username: "shop.bot", password: PASSWORD }, from))).toEqual([401, "invalid_credentials"]);
    expect(await failure(login(other.clientId, { username: "shop.bot", password: PASSWORD }, from))).toEqual([401, "invalid_credentials"]);
    expect(await failure(login(noSuchClientId(), { username: "shop.bot", password: PASSWORD }, from))).toEqual([
      401,
      "invalid_credentials",
    ]);
    await activityQueue().flush();
    const events = await (await db()).activityEvent.findMany({ where: { apiUserId: user.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, (e.details as { reason: string }).reason])).toEqual([
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "client_id_not_allowed"],
    ]);
  });

  it("treats a deleted user as unknown and tells a deactivated one with the right password", async () => {
    const deleted = await loginUser({ deleted: true });
    expect(await failure(login(deleted.tenant.clientId, { username: "shop.bot", password: PASSWORD }, null))).toEqual([
      401,
      "invalid_credentials",
    ]);
    const inactive = await loginUser({ active: false });
    expect(await failure(login(inactive.tenant.clientId, { username: "shop.bot", password: PASSWORD }, null))).toEqual([
      403,
      "api_user_inactive",
    ]);
    expect(await failure(login(inactive.tenant.clientId, { username: "shop.bot", password: "wrong" }, null))).toEqual([
      401,
      "invalid_credentials",
    ]);
  });

  it("locks a username out after 5 failures from one address, even for the right password, and not other addresses", async () => {
    const { tenant } = await loginUser();
    const from = ip();
    for (let i = 0; i < 5; i++)
      expect(await failure(login(tenant.clientId, { username: "SHOP.BOT", password: `guess${i}` }, from))).toEqual([
        401,
        "invalid_credentials",
      ]);
    const locked = login(tenant.clientId, { username: "shop.bot", password: PASSWORD }, from);
    await expect(locked).rejects.toBeInstanceOf(LoginRefused);
    await expect(locked).rejects.toMatchObject({ status: 429, code: "too_many_attempts" });
    expect(((await locked.catch((e: unknown) => e)) as LoginRefused).retryAfter).toBeGreaterThan(14 * 60);
    // The guesser locked its own address, not the user.
    expect((await login(tenant.clientId, { username: "shop.bot", password: PASSWORD }, ip())).token).toBeTruthy();
  });

  it("locks an IP out after 50 failures across usernames", async () => {
    const { tenant } = await loginUser();
    const prisma = await db();
    const from = ip();
    await prisma.loginFailure.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ account: `api:${tenant.id}:user${i}`, ip: `api:${from}` })),
    });
    expect(await failure(login(tenant.clientId, { username: "shop.bot", password: PASSWORD }, from))).toEqual([429, "too_many_attempts"]);
    expect((await login(tenant.clientId, { username: "shop.bot", password: PASSWORD }, ip())).token).toBeTruthy();
  });

  it("slows repeated failures down", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(delayAfter)).toEqual([0, 0, 250, 500, 1000, 2000, 2000]);
  });

  it("refuses to guess in parallel past the limit", async () => {
    const { tenant } = await loginUser();
    const from = ip();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => failure(login(tenant.clientId, { username: "shop.bot", password: `p${i}` }, from))),
    );
    expect(results.filter(([status]) => status === 401)).toHaveLength(5);
    expect(results.filter(([status]) => status === 429)).toHaveLength(3);
  }, 20_000);
});

import { describe, expect, it } from "vitest";
import * as apiUsers from "@/lib/api-users/changes";
import { ApiUserRef, CreateApiUserInput, IssueTokenInput, RotateTokenInput, TokenRef } from "@/lib/api-users/rules";
import { recentActivity } from "@/lib/activity/events";
import { writeApiCalls, type ApiCallRecord } from "@/lib/api/activity-queue";
import { db } from "@/lib/db";
import { tenantOverview } from "@/lib/tenants/overview";
import { makeTenant } from "./support/fixtures";

const input = (username: string, environment = "live") =>
  CreateApiUserInput.parse({ scope: "", username, password: "secret-1", permissions: ["services:list"], environment });

describe("overview figures", () => {
  it("count this tenant's users, and the tokens and recent API calls of the switch's environment only", async () => {
    const [tenant, other] = await Promise.all([makeTenant(), makeTenant()]);
    const admin = tenant.members[0];
    const customer = tenant.customers[0];
    if (!admin || !customer) throw new Error("fixture incomplete");
    const actor = { memberId: admin.id, email: admin.email, ip: null };
    const wide = await apiUsers.createApiUser({ tenantId: tenant.id, customerId: null }, actor, input("wide"));
    const shop = await apiUsers.createApiUser({ tenantId: tenant.id, customerId: customer.id }, actor, input("shop"));
    const tester = await apiUsers.createApiUser({ tenantId: tenant.id, customerId: customer.id }, actor, input("tester", "test"));
    await apiUsers.deactivateApiUser({ tenantId: tenant.id, customerId: null }, actor, { scope: "", apiUserId: wide.apiUserId });
    const prisma = await db();
    const tokenOf = async (apiUserId: string) => (await prisma.apiToken.findFirstOrThrow({ where: { apiUserId } })).id;
    const [shopToken, testToken] = await Promise.all([tokenOf(shop.apiUserId), tokenOf(tester.apiUserId)]);
    const call = (apiUserId: string, apiTokenId: string, status: number, createdAt = new Date()): ApiCallRecord => ({
      event: {
        tenantId: tenant.id,
        apiUserId,
        apiTokenId,
        actor: "x",
        action: "services.list",
        method: "GET",
        path: "/v1/services",
        status,
        createdAt,
      },
    });
    await writeApiCalls([
      call(shop.apiUserId, shopToken, 200),
      call(shop.apiUserId, shopToken, 403),
      call(shop.apiUserId, shopToken, 200, new Date(Date.now() - 25 * 60 * 60 * 1000)),
      call(tester.apiUserId, testToken, 201),
    ]);

    expect(await tenantOverview({ tenantId: tenant.id }, "LIVE")).toEqual({
      customers: 1,
      tenantWideUsers: 1,
      customerUsers: 2,
      activeTokens: 1, // the deactivated user's token was revoked; the test token is Test's
      apiCalls: 2,
      failedCalls: 1,
    });
    expect(await tenantOverview({ tenantId: tenant.id }, "TEST")).toEqual({
      customers: 1,
      tenantWideUsers: 1,
      customerUsers: 2,
      activeTokens: 1,
      apiCalls: 1,
      failedCalls: 0,
    });
    expect(await tenantOverview({ tenantId: other.id }, "LIVE")).toEqual({
      customers: 1,
      tenantWideUsers: 0,
      customerUsers: 0,
      activeTokens: 0,
      apiCalls: 0,
      failedCalls: 0,
    });

    // Recent activity: Test holds the test token's events only; Live everything else.
    const test = await recentActivity({ tenantId: tenant.id, environment: "TEST" }, 50);
    expect(test.map((e) => [e.action, e.apiUser?.username])).toEqual([
      ["services.list", "tester"],
      ["token.issue", "tester"],
    ]);
    const live = await recentActivity({ tenantId: tenant.id, environment: "LIVE" }, 50);
    expect(live.some((e) => e.apiUser?.username === "tester" && e.action === "token.issue")).toBe(false);
    expect(live.filter((e) => e.action === "services.list")).toHaveLength(3);
    expect(live.some((e) => e.action === "api_user.create" && e.apiUser?.username === "tester")).toBe(true);
  });

  it("keep the active-token count right through concurrent issues, rotations, revokes, disables, deactivations, deletes and expiry", async () => {
    const tenant = await makeTenant();
    const admin = tenant.members[0];
    if (!admin) throw new Error("fixture incomplete");
    const actor = { memberId: admin.id, email: admin.email, ip: null };
    const scope = { tenantId: tenant.id, customerId: null };
    const prisma = await db();
    const users = await Promise.all(
      ["a", "b", "c", "d"].map((name, i) => apiUsers.createApiUser(scope, actor, input(`kept-${name}`, i % 2 ? "test" : "live"))),
    );
    const tokenOf = async (apiUserId: string) => (await prisma.apiToken.findFirstOrThrow({ where: { apiUserId } })).id;
    const [a, b, c, d] = await Promise.all(users.map((u) => tokenOf(u.apiUserId)));
    if (!a || !b || !c || !d) throw new Error("no tokens");
    const [ua, ub, uc, ud] = users.map((u) => u.apiUserId);
    const ref = (tokenId: string) => TokenRef.parse({ scope: "", tokenId });
    const user = (apiUserId = "") => ApiUserRef.parse({ scope: "", apiUserId });
    const issue = (apiUserId = "", expiry: string, environment = "live") =>
      IssueTokenInput.parse({ scope: "", apiUserId, name: "", environment, expiry });
    // All at once, as several members (and the API) would: the triggers' counts must not miss one another.
    // allSettled: d's new token may come before its user's deletion (then revoked by it) or after (then refused).
    const settled = await Promise.allSettled([
      apiUsers.issueToken(scope, actor, issue(ua, "never")),
      apiUsers.issueToken(scope, actor, issue(ua, "never")),
      apiUsers.issueToken(scope, actor, issue(ub, "30d", "test")),
      apiUsers.rotateToken(scope, actor, RotateTokenInput.parse({ scope: "", tokenId: a, overlap: "1h" })),
      apiUsers.revokeToken(scope, actor, ref(b)),
      apiUsers.disableToken(scope, actor, ref(c)),
      apiUsers.deactivateApiUser(scope, actor, user(uc)),
      apiUsers.issueToken(scope, actor, issue(ud, "never")),
      apiUsers.deleteApiUser(scope, actor, user(ud)),
    ]);
    expect(settled.filter((result, i) => i !== 7 && result.status === "rejected")).toEqual([]);
    // Activation revokes the user's old tokens; a new one is disabled and enabled again.
    await apiUsers.activateApiUser(scope, actor, user(uc));
    await apiUsers.issueToken(scope, actor, issue(uc, "never"));
    const fresh = await prisma.apiToken.findFirstOrThrow({ where: { apiUserId: uc, revokedAt: null } });
    await apiUsers.disableToken(scope, actor, ref(fresh.id));
    await apiUsers.enableToken(scope, actor, ref(fresh.id));

    // What a full count says, at a time: not revoked, not disabled, not expired, its user active.
    const recount = async (environment: "LIVE" | "TEST", now: Date) =>
      prisma.apiToken.count({
        where: {
          tenantId: tenant.id,
          environment,
          revokedAt: null,
          disabledAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
          apiUser: { active: true, deletedAt: null },
        },
      });
    // Now, in an hour (the rotated token's overlap has ended) and in 31 days (the 30-day token has expired).
    for (const now of [new Date(), new Date(Date.now() + 2 * 3_600_000), new Date(Date.now() + 31 * 86_400_000)]) {
      for (const environment of ["LIVE", "TEST"] as const) {
        const { activeTokens } = await tenantOverview({ tenantId: tenant.id }, environment, now);
        expect(activeTokens).toBe(await recount(environment, now));
      }
    }
    // And the figures themselves: a's user has its two new tokens, the rotation's new one and
    // (for the hour) the old; c's user its new token; b's user its 30-day test token.
    expect((await tenantOverview({ tenantId: tenant.id }, "LIVE")).activeTokens).toBe(5);
    expect((await tenantOverview({ tenantId: tenant.id }, "TEST")).activeTokens).toBe(1);

    // A user removed for good takes its tokens by cascade, and the count with them.
    await prisma.apiUser.delete({ where: { id: ua } });
    expect((await tenantOverview({ tenantId: tenant.id }, "LIVE")).activeTokens).toBe(await recount("LIVE", new Date()));
  });
});

import { describe, expect, it } from "vitest";
import * as apiUsers from "@/lib/api-users/changes";
import { CreateApiUserInput } from "@/lib/api-users/rules";
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
});

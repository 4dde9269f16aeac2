import { describe, expect, it } from "vitest";
import * as apiUsers from "@/lib/api-users/changes";
import { CreateApiUserInput } from "@/lib/api-users/rules";
import { recordActivity } from "@/lib/activity/events";
import { tenantOverview } from "@/lib/tenants/overview";
import { makeTenant } from "./support/fixtures";

const input = (username: string) => CreateApiUserInput.parse({ scope: "", username, password: "secret-1", permissions: ["services:list"] });

describe("overview figures", () => {
  it("count this tenant's users, live tokens and recent API calls, and nothing of another tenant", async () => {
    const [tenant, other] = await Promise.all([makeTenant(), makeTenant()]);
    const admin = tenant.members[0];
    const customer = tenant.customers[0];
    if (!admin || !customer) throw new Error("fixture incomplete");
    const actor = { memberId: admin.id, email: admin.email, ip: null };
    const wide = await apiUsers.createApiUser({ tenantId: tenant.id, customerId: null }, actor, input("wide"));
    await apiUsers.createApiUser({ tenantId: tenant.id, customerId: customer.id }, actor, input("shop"));
    await apiUsers.deactivateApiUser({ tenantId: tenant.id, customerId: null }, actor, { scope: "", apiUserId: wide.apiUserId });
    const call = { tenantId: tenant.id, actor: "shop", action: "services.list", method: "GET", path: "/v1/services" };
    await recordActivity({ ...call, status: 200 });
    await recordActivity({ ...call, status: 403 });
    await recordActivity({ ...call, status: 200, createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) });

    expect(await tenantOverview({ tenantId: tenant.id })).toEqual({
      customers: 1,
      tenantWideUsers: 1,
      customerUsers: 1,
      activeTokens: 1, // the deactivated user's token was revoked
      apiCalls: 2,
      failedCalls: 1,
    });
    expect(await tenantOverview({ tenantId: other.id })).toEqual({
      customers: 1,
      tenantWideUsers: 0,
      customerUsers: 0,
      activeTokens: 0,
      apiCalls: 0,
      failedCalls: 0,
    });
  });
});

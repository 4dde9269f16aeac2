import { afterAll, describe, expect, it } from "vitest";
import { ok } from "@/lib/api/envelope";
import { describeCaller } from "@/lib/api/me";
import { operations } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { RATE_LIMIT_WINDOW_MS } from "@/lib/rate-limit";
import { createCustomer, renameCustomer } from "@/lib/tenants/customer-changes";
import { apiCaller, apiRequest, noParams, testPipeline } from "./support/api";

// GET /v1/me in-process on the real database: its answer, read in one driver query and the
// tenant's customers from memory, must be what the rows say, and a customer added or renamed
// must show on the very next call. (The HTTP side is e2e/api-pipeline.spec.ts.)

const pipeline = testPipeline();
afterAll(() => pipeline.close());
const me = pipeline.apiRoute(operations.getMe, async ({ ctx }) => ok(await describeCaller(ctx)));
const actor = { email: "admin@test.example", ip: null };

async function callMe(plain: string, xTenant: string) {
  const response = await me(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": xTenant }), noParams);
  expect(response.status).toBe(200);
  return (await response.json()).data;
}

/** The answer as the rows make it, read with Prisma as /v1/me did before its one query. */
async function expected(caller: Awaited<ReturnType<typeof apiCaller>>, scopeCustomerId: string | null, environment = "live") {
  const prisma = await db();
  const user = await prisma.apiUser.findUniqueOrThrow({ where: { id: caller.user.id }, include: { customer: true } });
  const token = await prisma.apiToken.findUniqueOrThrow({ where: { id: caller.token.id } });
  const scopeCustomer = scopeCustomerId ? await prisma.customer.findUniqueOrThrow({ where: { id: scopeCustomerId } }) : null;
  const customers = await prisma.customer.findMany({
    where: { tenantId: caller.tenant.id, ...(user.customerId && { id: user.customerId }) },
    orderBy: { name: "asc" },
  });
  const recent = await prisma.activityEvent.findMany({ where: { apiUserId: user.id }, orderBy: { createdAt: "desc" }, take: 5 });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: "api_client",
    customer: user.customer && { client_id: user.customer.clientId, name: user.customer.name },
    scope: {
      tenant: { client_id: caller.tenant.clientId, name: caller.tenant.name },
      customer: scopeCustomer && { client_id: scopeCustomer.clientId, name: scopeCustomer.name },
    },
    client_ids: [
      ...(user.customerId ? [] : [{ client_id: caller.tenant.clientId, name: caller.tenant.name, kind: "tenant" }]),
      ...customers.map((c) => ({ client_id: c.clientId, name: c.name, kind: "customer" })),
    ],
    permissions: user.permissions,
    rate_limit: { limit: user.rateLimit ?? 60, window_seconds: RATE_LIMIT_WINDOW_MS / 1000 },
    environment,
    token: {
      id: token.id,
      name: token.name,
      hint: token.hint,
      created_at: iso(token.createdAt),
      expires_at: iso(token.expiresAt),
      last_used_at: iso(token.lastUsedAt),
      last_used_ip: token.lastUsedIp,
    },
    expires_at: iso(token.expiresAt),
    recent_activity: recent.map((e) => ({
      at: e.createdAt.toISOString(),
      action: e.action,
      method: e.method,
      path: e.path,
      status: e.status,
      ip: e.ip,
    })),
  };
}

describe("GET /v1/me", () => {
  it("answers for a tenant-wide user what its rows say: user, token and its last use, scope, Client IDs, recent calls", async () => {
    const caller = await apiCaller({ environment: "TEST" });
    const prisma = await db();
    await prisma.apiUser.update({ where: { id: caller.user.id }, data: { email: "wide@test.example" } });
    await prisma.apiToken.update({
      where: { id: caller.token.id },
      data: { name: "checkout", expiresAt: new Date("2031-02-03T04:05:06.789Z") },
    });
    // Earlier calls leave activity and the token's last use (written by the queue).
    await callMe(caller.plain, caller.tenant.clientId);
    await callMe(caller.plain, caller.customer.clientId);
    await pipeline.queue.flush();
    // Read before the call: its own activity and last use are written by the queue's timer after it.
    const asTenant = await expected(caller, null, "test");
    expect(await callMe(caller.plain, caller.tenant.clientId)).toEqual(asTenant);
    await pipeline.queue.flush();
    const asCustomer = await expected(caller, caller.customer.id, "test");
    const data = await callMe(caller.plain, caller.customer.clientId);
    expect(data).toEqual(asCustomer);
    expect(data.recent_activity).toHaveLength(3);
    expect(data.token.last_used_at).not.toBeNull();
    expect(data.token.last_used_ip).toBe("203.0.113.7");
  });

  it("answers for a customer's user its own customer only", async () => {
    const caller = await apiCaller({ customer: true });
    await createCustomer({ tenantId: caller.tenant.id }, actor, "Sibling of the customer");
    const before = await expected(caller, caller.customer.id);
    const data = await callMe(caller.plain, caller.customer.clientId);
    expect(data).toEqual(before);
    expect(data.client_ids).toEqual([{ client_id: caller.customer.clientId, name: caller.customer.name, kind: "customer" }]);
  });

  it("lists a customer added or renamed in the dashboard on the very next call", async () => {
    const caller = await apiCaller();
    const scope = { tenantId: caller.tenant.id };
    const names = async () =>
      ((await callMe(caller.plain, caller.tenant.clientId)).client_ids as { name: string; kind: string }[])
        .filter((c) => c.kind === "customer")
        .map((c) => c.name);
    expect(await names()).toEqual([caller.customer.name]);

    const added = await createCustomer(scope, actor, "Aardvark Imports");
    expect(await names()).toEqual(["Aardvark Imports", caller.customer.name]);

    await renameCustomer(scope, actor, added.id, "Zebra Imports");
    expect(await names()).toEqual([caller.customer.name, "Zebra Imports"]);
    // The renamed customer selected by X-Tenant shows its new name too.
    expect((await callMe(caller.plain, added.clientId)).scope.customer).toEqual({ client_id: added.clientId, name: "Zebra Imports" });
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { updateIpAllowlist } from "@/lib/api-users/changes";
import { addressAllowed, parseAllowlist } from "@/lib/api-users/ip-allowlist";
import type { Actor } from "@/lib/api-users/rules";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { apiCaller, apiRequest, envelope, noParams, testPipeline } from "./support/api";

// IP allowlists per API user (issue 14): the entries, the dashboard's change, the pipeline's refusal.

const pipeline = testPipeline();
afterAll(() => pipeline.close());
const me = pipeline.apiRoute(operations.getMe, async () => ok({ fine: true }));
const actor: Actor = { memberId: "m", email: "admin@test.example", ip: "198.51.100.1" };

describe("entries", () => {
  it("takes IPv4, IPv6 and CIDR ranges, normalised and without duplicates", () => {
    expect(parseAllowlist(" 203.0.113.7\n10.0.0.0/8, 2001:DB8::/32  2001:db8::1 203.0.113.7\n\n")).toEqual({
      entries: ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32", "2001:db8::1"],
    });
    expect(parseAllowlist("")).toEqual({ entries: [] });
  });

  it("refuses what is not an address and prefixes out of range", () => {
    for (const bad of ["example.com", "10.0.0.256", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8/9", "10.0.0.0/x", "::1/"]) {
      expect(parseAllowlist(bad), bad).toHaveProperty("error");
    }
    expect(parseAllowlist(Array.from({ length: 101 }, (_, i) => `10.0.0.${i}`).join("\n"))).toHaveProperty("error");
  });

  it("matches addresses, not strings, each family against its own entries", () => {
    const list = ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"];
    expect(addressAllowed(list, "203.0.113.7")).toBe(true);
    expect(addressAllowed(list, "10.200.3.4")).toBe(true);
    expect(addressAllowed(list, "::ffff:10.1.2.3")).toBe(true);
    expect(addressAllowed(list, "2001:DB8:0:0::abcd")).toBe(true);
    expect(addressAllowed(list, "203.0.113.8")).toBe(false);
    expect(addressAllowed(list, "11.0.0.1")).toBe(false);
    expect(addressAllowed(list, "2001:db9::1")).toBe(false);
    expect(addressAllowed(list, null)).toBe(false);
    expect(addressAllowed(list, "not-an-ip")).toBe(false);
    expect(addressAllowed([], null)).toBe(true);
  });
});

describe("the dashboard's change and the API", () => {
  it("refuses a bad entry beside the field and changes nothing", async () => {
    const { tenant, user } = await apiCaller();
    const scope = { tenantId: tenant.id, customerId: null };
    const error = await updateIpAllowlist(scope, actor, { scope: null, apiUserId: user.id, ipAllowlist: "10.0.0.0/8\n10.0.0.0/40" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ fields: { ipAllowlist: [expect.stringContaining("0 to 32")] } });
    const prisma = await db();
    expect((await prisma.apiUser.findUniqueOrThrow({ where: { id: user.id } })).ipAllowlist).toEqual([]);
  });

  it("lets listed addresses through and refuses others with 403 ip_not_allowed and an event with the address", async () => {
    const { tenant, user, plain } = await apiCaller();
    const scope = { tenantId: tenant.id, customerId: null };
    const call = (ip: string) =>
      me(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId, "x-courier-peer": ip }), noParams);
    expect((await call("192.0.2.50")).status).toBe(200);
    await updateIpAllowlist(scope, actor, { scope: null, apiUserId: user.id, ipAllowlist: "198.51.100.0/24\n2001:db8::7" });
    expect((await call("198.51.100.20")).status).toBe(200);
    expect((await call("2001:db8:0::7")).status).toBe(200);
    expect((await call("::ffff:198.51.100.9")).status).toBe(200);
    const refused = await call("192.0.2.50");
    expect(await envelope(refused.clone())).toEqual([403, "ip_not_allowed"]);
    expect((await refused.json()).error.details).toEqual({ ip: "192.0.2.50" });
    expect(await envelope(await call("2001:db8::8"))).toEqual([403, "ip_not_allowed"]);
    await pipeline.queue.flush();
    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { apiUserId: user.id, status: 403 }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.ip, e.details])).toEqual([
      ["192.0.2.50", { error: "ip_not_allowed" }],
      ["2001:db8::8", { error: "ip_not_allowed" }],
    ]);
    const change = await prisma.activityEvent.findFirstOrThrow({ where: { apiUserId: user.id, action: "ip_allowlist.update" } });
    expect(change.details).toMatchObject({ before: [], ipAllowlist: ["198.51.100.0/24", "2001:db8::7"] });
    // Emptied: any address again.
    await updateIpAllowlist(scope, actor, { scope: null, apiUserId: user.id, ipAllowlist: "" });
    expect((await call("192.0.2.50")).status).toBe(200);
  });

  it("another tenant's user is not found", async () => {
    const { user } = await apiCaller();
    const other = await apiCaller();
    await expect(
      updateIpAllowlist({ tenantId: other.tenant.id, customerId: null }, actor, {
        scope: null,
        apiUserId: user.id,
        ipAllowlist: "10.0.0.1",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

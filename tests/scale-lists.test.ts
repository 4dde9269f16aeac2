import { describe, expect, it } from "vitest";
import { recordActivity } from "@/lib/activity/events";
import { paginated } from "@/lib/api/envelope";
import { activityCsvStream, activityFilter, parseActivityQuery, resolvedActivityFilter } from "@/lib/activity/log";
import { searchActivityUsers } from "@/lib/activity/users";
import { pricingCustomers } from "@/lib/couriers/services";
import { db } from "@/lib/db";
import { newClientId } from "@/lib/tenants/client-ids";
import { listCustomers, parseCustomerCursor } from "@/lib/tenants/customers";
import { makeTenant } from "./support/fixtures";

// Issue 18's lists: keyset pages that lose and repeat nothing, searches within the tenant,
// counts of this tenant only, and a CSV export that streams in batches up to its cap.

async function addCustomers(tenantId: string, names: string[]) {
  const prisma = await db();
  await prisma.customer.createMany({ data: names.map((name) => ({ tenantId, name, clientId: newClientId() })) });
}

async function addUser(tenantId: string, username: string, customerId: string | null = null, deleted = false) {
  const prisma = await db();
  return prisma.apiUser.create({
    data: {
      tenantId,
      customerId,
      username,
      usernameLower: deleted ? `deleted:x:${username.toLowerCase()}` : username.toLowerCase(),
      passwordHash: "unused",
      permissions: [],
      ...(deleted && { deletedAt: new Date(), active: false }),
    },
  });
}

describe("Customers list", () => {
  it("pages by name with a cursor, searches, and counts only this tenant's live API users", async () => {
    const tenant = await makeTenant();
    // Two customers of one name: the id orders them, and a page boundary may fall between them.
    await addCustomers(tenant.id, ["Alpha", "Beta", "Beta", "Gamma", "Delta"]);
    const all: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Awaited<ReturnType<typeof listCustomers>> = await listCustomers(
        { tenantId: tenant.id },
        {
          after: parseCustomerCursor(after ?? undefined),
          size: 2,
        },
      );
      all.push(...page.customers.map((c) => c.id));
      after = page.next;
      if (!after) break;
    }
    const prisma = await db();
    const expected = await prisma.customer.findMany({ where: { tenantId: tenant.id }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    expect(all).toEqual(expected.map((c) => c.id));

    const beta = (await listCustomers({ tenantId: tenant.id }, { search: "bet" })).customers;
    expect(beta.map((c) => c.name)).toEqual(["Beta", "Beta"]);
    const byClientId = (await listCustomers({ tenantId: tenant.id }, { search: expected[0]!.clientId.toLowerCase() })).customers;
    expect(byClientId.map((c) => c.id)).toEqual([expected[0]!.id]);

    const alpha = expected.find((c) => c.name === "Alpha")!;
    await addUser(tenant.id, "alpha-one", alpha.id);
    await addUser(tenant.id, "alpha-two", alpha.id);
    await addUser(tenant.id, "alpha-gone", alpha.id, true);
    await addUser(tenant.id, "tenant-wide");
    const counted = (await listCustomers({ tenantId: tenant.id }, { search: "Alpha" })).customers;
    expect(counted).toMatchObject([{ id: alpha.id, apiUsers: 2 }]);

    // Another tenant sees none of it, and a cursor made up by hand is no cursor.
    const other = await makeTenant();
    expect((await listCustomers({ tenantId: other.id }, { search: "Alpha" })).customers).toEqual([]);
    expect(parseCustomerCursor("bm90LWpzb24")).toBeNull();
  });

  it("Services & Pricing lists its customers a page at a time, with their rate tables", async () => {
    const tenant = await makeTenant();
    await addCustomers(tenant.id, ["Kilo", "Lima", "Mike"]);
    const first = await pricingCustomers({ tenantId: tenant.id }, { size: 2 });
    expect(first.customers).toHaveLength(2);
    const rest = await pricingCustomers({ tenantId: tenant.id }, { size: 2, after: parseCustomerCursor(first.next ?? undefined) });
    expect([...first.customers, ...rest.customers].map((c) => c.name).sort()).toEqual(
      ["Kilo", "Lima", "Mike", `${tenant.name} customer`].sort(),
    );
    expect(rest.next).toBeNull();
    expect((await pricingCustomers({ tenantId: tenant.id }, { search: "lim" })).customers.map((c) => c.name)).toEqual(["Lima"]);
  });
});

describe("activity log's API-user filter and export", () => {
  it("searches usernames by prefix within the tenant and reads a username or an id", async () => {
    const tenant = await makeTenant();
    const other = await makeTenant();
    const shop = await addUser(tenant.id, "Shop-Berlin");
    await addUser(tenant.id, "shop-hamburg");
    await addUser(tenant.id, "warehouse");
    await addUser(other.id, "shop-rival");
    expect((await searchActivityUsers(tenant.id, "SHOP")).map((u) => u.username)).toEqual(["Shop-Berlin", "shop-hamburg"]);
    expect(await searchActivityUsers(other.id, "shop-b")).toEqual([]);

    await recordActivity({ tenantId: tenant.id, apiUserId: shop.id, actor: "Shop-Berlin", action: "me.read" });
    for (const apiUser of ["shop-berlin", shop.id]) {
      const { filter, user } = await resolvedActivityFilter(tenant.id, parseActivityQuery({ apiUser }));
      expect(user?.id).toBe(shop.id);
      expect(filter.apiUserId).toBe(shop.id);
    }
    // Another tenant's user is no user here: the filter matches nothing.
    const foreign = await resolvedActivityFilter(other.id, parseActivityQuery({ apiUser: "shop-berlin" }));
    expect(foreign.user).toBeNull();
    expect(foreign.filter.apiUserId).toBe("shop-berlin");
  });

  it("streams the CSV in batches, newest first, and stops at the cap", async () => {
    const tenant = await makeTenant();
    const prisma = await db();
    const start = Date.UTC(2030, 0, 1);
    await prisma.activityEvent.createMany({
      data: Array.from({ length: 2_100 }, (_, i) => ({
        tenantId: tenant.id,
        actor: "a@x.example",
        action: i % 2 ? "token.issue" : "api_user.update",
        createdAt: new Date(start + Math.floor(i / 3) * 1000),
      })),
    });
    const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
    const all = (await read(activityCsvStream(activityFilter(tenant.id, {})))).trim().split("\r\n");
    expect(all[0]).toBe("time,username,action,actor,method,path,status,ip,details");
    expect(all).toHaveLength(2_101);
    const times = all.slice(1).map((line) => line.split(",")[0]!);
    expect(times).toEqual([...times].sort().reverse());
    const tokens = (await read(activityCsvStream(activityFilter(tenant.id, { action: "token." })))).trim().split("\r\n");
    expect(tokens).toHaveLength(1_051);
    const capped = (await read(activityCsvStream(activityFilter(tenant.id, {}), 1_500))).trim().split("\r\n");
    expect(capped).toHaveLength(1_501);
  });
});

describe("a list's envelope with a capped count", () => {
  it("says the total is capped and keeps total_pages one past the page while there is a next", async () => {
    const meta = async (page: Parameters<typeof paginated>[1]) =>
      ((await paginated([], page).json()) as { meta: Record<string, unknown> }).meta;
    expect(await meta({ page: 3, perPage: 100, total: 1000, totalExact: false, nextCursor: "c" })).toEqual({
      page: 3,
      per_page: 100,
      total: 1000,
      total_pages: 10,
      total_exact: false,
      next_cursor: "c",
    });
    expect(await meta({ page: 12, perPage: 100, total: 1000, totalExact: false, nextCursor: "c" })).toMatchObject({ total_pages: 13 });
    expect(await meta({ page: 2, perPage: 100, total: 150, totalExact: true, nextCursor: null })).toMatchObject({
      total_pages: 2,
      next_cursor: null,
    });
    // Lists without a cursor answer as they always did.
    expect(await meta({ page: 1, perPage: 20, total: 0 })).toEqual({ page: 1, per_page: 20, total: 0, total_pages: 1 });
  });
});

import type { Role } from "@prisma/client";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { MemberContext } from "@/lib/auth/member";
import { db } from "@/lib/db";
import { makeTenant } from "./support/fixtures";

// The Customers actions as a member's browser calls them, on the real database: only the
// session is given (next-auth needs a request), as in member-action.test.ts.
let member: MemberContext | null = null;
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "192.0.2.8" }) }));
vi.mock("@/lib/auth/member", () => ({ currentMember: async () => member }));

// Files share their worker's modules (isolate: false): another file may have loaded these
// with mocks of its own (member-action.test.ts), so load them afresh here and leave them
// fresh for the next file.
vi.resetModules();
afterAll(() => {
  for (const path of ["next/cache", "next/headers", "@/lib/auth/member"]) vi.doUnmock(path);
  vi.resetModules();
});

const { createCustomer, renameCustomer } = await import("@/app/(dashboard)/customers/actions");
const { linkRateTable } = await import("@/app/(dashboard)/services/actions");
const { seedCatalog } = await import("@/prisma/seed/courier");

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

function as(tenant: Tenant, role: Role): MemberContext {
  const m = tenant.members.find((x) => x.role === role);
  if (!m) throw new Error(`no ${role}`);
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role,
    tenantId: tenant.id,
    tenant: { name: tenant.name, clientId: tenant.clientId, requireTwoFactor: false },
    twoFactor: false,
  };
}

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

async function events(tenantId: string) {
  const prisma = await db();
  return prisma.activityEvent.findMany({
    where: { tenantId, action: { startsWith: "customer." } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

describe("Customers: add, rename, link a rate table", () => {
  beforeEach(() => {
    member = null;
  });

  it("an owner or admin adds a customer with a new Client ID; the name is checked by the field", async () => {
    const t = await makeTenant();
    for (const role of ["OWNER", "ADMIN"] as const) {
      member = as(t, role);
      const result = await createCustomer(null, form({ name: `  Bakery ${role}  ` }));
      if (!result.ok) throw new Error(result.error);
      expect(result.data).toMatchObject({ name: `Bakery ${role}`, clientId: expect.stringMatching(/^CC-[0-9A-HJKMNP-TV-Z]{8}$/) });
      const stored = await (await db()).customer.findUniqueOrThrow({ where: { id: result.data.id } });
      expect(stored).toMatchObject({ tenantId: t.id, name: `Bakery ${role}`, clientId: result.data.clientId, rateTableId: null });
    }
    member = as(t, "OWNER");
    expect(await createCustomer(null, form({ name: "   " }))).toMatchObject({
      ok: false,
      code: "validation_failed",
      fieldErrors: { name: ["Enter the customer's name."] },
      values: { name: "   " },
    });
    expect(await createCustomer(null, form({ name: "x".repeat(101) }))).toMatchObject({
      fieldErrors: { name: ["At most 100 characters."] },
    });
    expect(await createCustomer(null, form({ name: "Tab\there" }))).toMatchObject({ fieldErrors: { name: ["No control characters."] } });
    // One name per tenant, whatever its case; another tenant may use it.
    expect(await createCustomer(null, form({ name: "bakery owner" }))).toMatchObject({
      ok: false,
      code: "validation_failed",
      fieldErrors: { name: ['A customer named "bakery owner" already exists.'] },
    });
    const other = await makeTenant();
    member = as(other, "ADMIN");
    expect(await createCustomer(null, form({ name: "Bakery OWNER" }))).toMatchObject({ ok: true });

    const written = await events(t.id);
    expect(written.map((e) => [e.action, e.actor, e.ip])).toEqual([
      ["customer.create", as(t, "OWNER").email, "192.0.2.8"],
      ["customer.create", as(t, "ADMIN").email, "192.0.2.8"],
    ]);
    expect(written[0]?.details).toEqual({ customer: "Bakery OWNER", clientId: expect.stringMatching(/^CC-/) });
  });

  it("developers and read-only members change nothing; no session is refused", async () => {
    const t = await makeTenant();
    const customer = t.customers[0];
    if (!customer) throw new Error("no customer");
    for (const role of ["DEVELOPER", "READ_ONLY"] as const) {
      member = as(t, role);
      expect(await createCustomer(null, form({ name: "Nope" }))).toMatchObject({ ok: false, code: "role_forbidden" });
      expect(await renameCustomer(null, form({ customerId: customer.id, name: "Nope" }))).toMatchObject({
        ok: false,
        code: "role_forbidden",
      });
      expect(await linkRateTable(null, form({ customerId: customer.id, rateTableId: "" }))).toMatchObject({
        ok: false,
        code: "role_forbidden",
      });
    }
    member = null;
    expect(await createCustomer(null, form({ name: "Nope" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    const prisma = await db();
    expect(await prisma.customer.findMany({ where: { tenantId: t.id }, select: { name: true } })).toEqual([{ name: customer.name }]);
    expect(await events(t.id)).toEqual([]);
  });

  it("renames a customer of the tenant; another tenant's customer is a 404 and stays as it was", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const mine = t.customers[0];
    const theirs = other.customers[0];
    if (!mine || !theirs) throw new Error("no customer");
    member = as(t, "ADMIN");
    expect(await renameCustomer(null, form({ customerId: mine.id, name: "Corner Shop" }))).toEqual({
      ok: true,
      data: { id: mine.id, name: "Corner Shop", changed: true },
    });
    // The same name again: nothing to do, no event. A name taken by a sibling: a field error.
    expect(await renameCustomer(null, form({ customerId: mine.id, name: "Corner Shop" }))).toMatchObject({
      ok: true,
      data: { changed: false },
    });
    const sibling = await createCustomer(null, form({ name: "Warehouse" }));
    expect(sibling.ok).toBe(true);
    expect(await renameCustomer(null, form({ customerId: mine.id, name: "WAREHOUSE" }))).toMatchObject({
      ok: false,
      fieldErrors: { name: ['A customer named "WAREHOUSE" already exists.'] },
      values: { name: "WAREHOUSE" },
    });
    expect(await renameCustomer(null, form({ customerId: theirs.id, name: "Stolen" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await linkRateTable(null, form({ customerId: theirs.id, rateTableId: "" }))).toMatchObject({ ok: false, code: "not_found" });
    const prisma = await db();
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe(theirs.name);
    expect((await events(t.id)).map((e) => [e.action, e.details])).toEqual([
      ["customer.rename", { before: mine.name, after: "Corner Shop" }],
      ["customer.create", { customer: "Warehouse", clientId: expect.any(String) }],
    ]);
    expect(await events(other.id)).toEqual([]);
  });

  it("links the customer's rate table from its page, and back to the tenant default", async () => {
    const t = await makeTenant();
    const customer = t.customers[0];
    if (!customer) throw new Error("no customer");
    const prisma = await db();
    const catalog = await seedCatalog(prisma, t.id, null);
    member = as(t, "OWNER");
    expect(await linkRateTable(null, form({ customerId: customer.id, rateTableId: catalog.contractTableId }))).toMatchObject({ ok: true });
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).rateTableId).toBe(catalog.contractTableId);
    const other = await seedCatalog(prisma, (await makeTenant()).id, null);
    expect(await linkRateTable(null, form({ customerId: customer.id, rateTableId: other.contractTableId }))).toMatchObject({
      ok: false,
      fieldErrors: { rateTableId: ["No such rate table."] },
    });
    expect(await linkRateTable(null, form({ customerId: customer.id, rateTableId: "" }))).toMatchObject({ ok: true });
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).rateTableId).toBeNull();
    expect((await events(t.id)).map((e) => e.action)).toEqual(["customer.rate_table_link", "customer.rate_table_link"]);
  });
});

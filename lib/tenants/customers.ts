import "server-only";
import { db } from "@/lib/db";

export interface TenantScope {
  tenantId: string;
}

/** Where a page of the Customers list ends: its last customer's name and id (the list is by name, then id). */
export interface CustomerCursor {
  name: string;
  id: string;
}

export function formatCustomerCursor(customer: CustomerCursor): string {
  return Buffer.from(JSON.stringify([customer.name, customer.id])).toString("base64url");
}

export function parseCustomerCursor(text: string | undefined): CustomerCursor | null {
  if (!text || text.length > 400) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // not a cursor of ours
  }
  return null;
}

export interface CustomerListQuery {
  /** Part of the name, or the start of the Client ID; case-insensitive. */
  search?: string;
  after?: CustomerCursor | null;
  size?: number;
}

/**
 * One page of the tenant's customers by name (keyset: after the previous page's last name
 * and id), with each one's count of API users that are not deleted, counted for this page's
 * customers only. `next` is the cursor of the following page, if there is one.
 */
export async function listCustomers(scope: TenantScope, query: CustomerListQuery = {}) {
  const prisma = await db();
  const size = query.size ?? 50;
  const search = query.search?.trim();
  const after = query.after;
  const rows = await prisma.customer.findMany({
    where: {
      tenantId: scope.tenantId,
      AND: [
        search ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { clientId: { startsWith: search.toUpperCase() } }] } : {},
        after ? { name: { gte: after.name }, OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: size + 1,
    select: { id: true, name: true, clientId: true, createdAt: true },
  });
  const customers = rows.slice(0, size);
  const counts = customers.length
    ? await prisma.apiUser.groupBy({
        by: ["customerId"],
        where: { tenantId: scope.tenantId, customerId: { in: customers.map((c) => c.id) }, deletedAt: null },
        _count: { _all: true },
      })
    : [];
  const countOf = new Map(counts.map((row) => [row.customerId, row._count._all]));
  const last = customers.at(-1);
  return {
    customers: customers.map((c) => ({ ...c, apiUsers: countOf.get(c.id) ?? 0 })),
    next: rows.length > size && last ? formatCustomerCursor(last) : null,
  };
}

/** The customer if it belongs to the scope's tenant; null otherwise (a foreign id is a miss). */
export async function findCustomer(scope: TenantScope, id: string) {
  const prisma = await db();
  return prisma.customer.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { id: true, name: true, clientId: true, createdAt: true, rateTable: { select: { id: true, name: true } } },
  });
}

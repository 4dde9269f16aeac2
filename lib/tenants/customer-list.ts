import "server-only";
import { db } from "@/lib/db";
import { broadcast } from "@/lib/db/broadcast";
import { memoByKey } from "@/lib/db/memo";

/** Announced by every change to a tenant's customers (the key is the tenant's id). */
const CUSTOMERS_TOPIC = "customers";

/** How many customers GET /v1/me lists as a tenant-wide user's Client IDs. */
const MAX_CLIENT_IDS = 100;

/**
 * A tenant's first customers by name, from memory: GET /v1/me lists them on every call, and
 * they change only through lib/tenants/customer-changes.ts, which announces each change
 * (customersChanged), so the next request here and others within milliseconds read afresh
 * (lib/db/memo.ts).
 */
export const tenantCustomers = memoByKey(CUSTOMERS_TOPIC, 60_000, async (tenantId) => {
  const prisma = await db();
  return prisma.customer.findMany({
    where: { tenantId },
    orderBy: { name: "asc" },
    take: MAX_CLIENT_IDS,
    select: { clientId: true, name: true },
  });
});

/** Call once a change of the tenant's customers (added, renamed) is committed. */
export function customersChanged(tenantId: string): Promise<void> {
  return broadcast(CUSTOMERS_TOPIC, tenantId);
}

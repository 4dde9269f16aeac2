import "server-only";
import { db } from "@/lib/db";

export interface TenantScope {
  tenantId: string;
}

export async function listCustomers(scope: TenantScope) {
  const prisma = await db();
  return prisma.customer.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, clientId: true, createdAt: true, _count: { select: { apiUsers: { where: { deletedAt: null } } } } },
  });
}

/** The customer if it belongs to the scope's tenant; null otherwise (a foreign id is a miss). */
export async function findCustomer(scope: TenantScope, id: string) {
  const prisma = await db();
  return prisma.customer.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { id: true, name: true, clientId: true, createdAt: true, rateTable: { select: { id: true, name: true } } },
  });
}

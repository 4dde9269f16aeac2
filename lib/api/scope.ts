import "server-only";
import type { ApiScope } from "@/lib/api/context";
import type { TokenRecord } from "@/lib/api/credentials";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";

const MAX_CLIENT_ID = 64;

function tenantMismatch(): AppError {
  // The same answer whether the Client ID exists elsewhere or not at all.
  return new AppError("tenant_mismatch");
}

/**
 * The scope that X-Tenant selects for a verified token. A tenant-wide user may name its
 * tenant's Client ID (the whole tenant) or one of that tenant's customers' (that customer
 * only); a per-customer user only its own customer's.
 */
export async function resolveScope(record: TokenRecord, header: string | null): Promise<ApiScope> {
  const clientId = header?.trim().toUpperCase() ?? "";
  if (!clientId) throw new AppError("missing_tenant");
  const { apiUser, tenant } = record;
  const scope = (customerId: string | null): ApiScope => ({ tenantId: tenant.id, customerId, environment: record.environment });

  if (apiUser.customerId) {
    if (clientId === apiUser.customerClientId) return scope(apiUser.customerId);
    throw tenantMismatch();
  }
  if (clientId === tenant.clientId) return scope(null);
  if (clientId.length > MAX_CLIENT_ID) throw tenantMismatch();
  const prisma = await db();
  const customer = await prisma.customer.findFirst({ where: { clientId, tenantId: tenant.id }, select: { id: true } });
  if (!customer) throw tenantMismatch();
  return scope(customer.id);
}

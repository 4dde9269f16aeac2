import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { carrierByCode } from "./catalog";
import { storedFields, storedSecrets } from "./stored";

/**
 * Where the member is working: their tenant and, on a customer's page, that customer
 * (undefined: any API user of the tenant). Every query keeps both in its WHERE, so another
 * tenant's or customer's API user or auth is the same miss as one that does not exist.
 */
export interface CarrierAuthScope {
  tenantId: string;
  customerId?: string | null;
}

export function apiUserWhere(scope: CarrierAuthScope, apiUserId: string): Prisma.ApiUserWhereInput {
  return {
    id: apiUserId,
    tenantId: scope.tenantId,
    deletedAt: null,
    ...(scope.customerId !== undefined && { customerId: scope.customerId }),
  };
}

const memberName = { select: { name: true, email: true } } as const;

/**
 * The API user's registered auths for the list: non-secret fields as stored, secret
 * fields as hints only (no ciphertext leaves this module). null: no such API user here.
 */
export async function listCarrierAuths(scope: CarrierAuthScope, apiUserId: string) {
  const prisma = await db();
  const user = await prisma.apiUser.findFirst({ where: apiUserWhere(scope, apiUserId), select: { id: true, username: true } });
  if (!user) return null;
  const rows = await prisma.carrierAuth.findMany({
    where: { tenantId: scope.tenantId, apiUserId: user.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { createdBy: memberName, updatedBy: memberName },
  });
  const auths = rows.map((row) => {
    const carrier = carrierByCode(row.courier);
    const values = storedFields(row.fields);
    const secrets = storedSecrets(row.secrets);
    return {
      id: row.id,
      courier: row.courier,
      courierName: carrier?.name ?? row.courier,
      company: row.company,
      testing: row.testing,
      fields: (carrier?.fields ?? []).map((field) => ({
        name: field.name,
        label: field.label,
        secret: field.secret,
        value: field.secret ? null : (values[field.name] ?? null),
        // Set or not, and at most the last four characters: never the value.
        hint: field.secret ? (secrets[field.name]?.hint ?? null) : null,
        isSet: field.secret ? field.name in secrets : field.name in values,
      })),
      createdBy: row.createdBy?.name ?? "a removed member",
      updatedBy: row.updatedBy?.name ?? "a removed member",
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
  return { apiUser: user, auths };
}

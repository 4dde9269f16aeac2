import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { recordActivity, type ActivityActor } from "@/lib/activity/events";
import { db } from "@/lib/db";
import { notFound, validationFailed } from "@/lib/server/errors";
import { newClientId } from "./client-ids";
import { customersChanged } from "./customer-list";
import type { TenantScope } from "./customers";

// The dashboard's customer changes (Owner and Admin): add one with a new Client ID, rename
// one. Linking its rate table is lib/couriers/services.ts linkRateTable.

/** A customer's name: what staff and integrators read, so no control characters and one tenant-wide. */
export const CustomerName = z
  .string()
  .trim()
  .min(1, "Enter the customer's name.")
  .max(100, "At most 100 characters.")
  .regex(/^[^\p{Cc}]*$/u, "No control characters.");

export const CreateCustomerInput = z.object({ name: CustomerName });
export const RenameCustomerInput = z.object({ customerId: z.string().min(1), name: CustomerName });

type Tx = Prisma.TransactionClient;

/**
 * Names are unique in a tenant, whatever their case: two "Acme" rows would make the
 * Customers list and the activity log ambiguous. The tenant's row is locked first, so two
 * members adding the same name at once get one customer and one field error.
 */
async function claimName(tx: Tx, scope: TenantScope, name: string, exceptId: string | null) {
  await tx.$queryRaw`SELECT "id" FROM "Tenant" WHERE "id" = ${scope.tenantId} FOR UPDATE`;
  const taken = await tx.customer.findFirst({
    where: { tenantId: scope.tenantId, name: { equals: name, mode: "insensitive" }, ...(exceptId && { id: { not: exceptId } }) },
    select: { id: true },
  });
  if (taken) throw validationFailed({ name: [`A customer named "${name}" already exists.`] });
}

/** Client IDs are unique across tenants; a clash (1 in 10^12) draws another. */
const CLIENT_ID_TRIES = 3;

/** Adds a customer with a new Client ID: `customer.create`. */
export async function createCustomer(scope: TenantScope, actor: ActivityActor, name: string) {
  const prisma = await db();
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await prisma.$transaction(async (tx) => {
        await claimName(tx, scope, name, null);
        const customer = await tx.customer.create({
          data: { tenantId: scope.tenantId, name, clientId: newClientId() },
          select: { id: true, name: true, clientId: true },
        });
        await recordActivity(
          {
            tenantId: scope.tenantId,
            customerId: customer.id,
            actor: actor.email,
            ip: actor.ip,
            action: "customer.create",
            details: { customer: customer.name, clientId: customer.clientId },
          },
          tx,
        );
        return customer;
      });
      await customersChanged(scope.tenantId);
      return created;
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!clash || attempt >= CLIENT_ID_TRIES) throw error;
    }
  }
}

/** Renames one of the tenant's customers (another tenant's is a 404): `customer.rename` when the name changes. */
export async function renameCustomer(scope: TenantScope, actor: ActivityActor, customerId: string, name: string) {
  const prisma = await db();
  const renamed = await prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: customerId, tenantId: scope.tenantId }, select: { id: true, name: true } });
    if (!customer) throw notFound("No such customer.");
    if (customer.name === name) return { id: customer.id, name, changed: false };
    await claimName(tx, scope, name, customer.id);
    await tx.customer.update({ where: { id: customer.id }, data: { name } });
    await recordActivity(
      {
        tenantId: scope.tenantId,
        customerId: customer.id,
        actor: actor.email,
        ip: actor.ip,
        action: "customer.rename",
        details: { before: customer.name, after: name },
      },
      tx,
    );
    return { id: customer.id, name, changed: true };
  });
  if (renamed.changed) await customersChanged(scope.tenantId);
  return renamed;
}

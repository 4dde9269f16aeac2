import { expect } from "vitest";
import type { ApiScope } from "@/lib/api/context";
import { AppError } from "@/lib/server/errors";
import { newClientId } from "@/lib/tenants/client-ids";
import { db } from "@/lib/db";
import { seedCatalog } from "@/prisma/seed/courier";
import { makeTenant } from "./fixtures";

/** A tenant of its own with the demo catalog: customer A on the contract table, customer B on the default. */
export async function makeCourierTenant() {
  const prisma = await db();
  const tenant = await makeTenant();
  const customerA = tenant.customers[0];
  if (!customerA) throw new Error("makeTenant made no customer");
  const customerB = await prisma.customer.create({
    data: { tenantId: tenant.id, name: `${tenant.name} customer B`, clientId: newClientId() },
  });
  const catalog = await seedCatalog(prisma, tenant.id, customerA.id);
  const apiUser = await prisma.apiUser.create({
    data: { tenantId: tenant.id, username: "courier-test", usernameLower: "courier-test", passwordHash: "unused", permissions: [] },
  });
  const scope = (customerId: string | null, environment: "LIVE" | "TEST" = "LIVE"): ApiScope => ({
    tenantId: tenant.id,
    customerId,
    environment,
  });
  return { tenant, customerA, customerB, catalog, apiUser, scope };
}

export const ADDRESS = { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" };
export const PARCEL = { weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 };

/** The AppError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

import "server-only";
import type { Pickup, Prisma } from "@prisma/client";
import type { ApiScope } from "@/lib/api/context";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import type { Address, CreatePickupInput } from "./schemas";
import { testClock, testElapsedMs } from "./test-clock";

/** Test mode: a TEST pickup is completed this long (test-mode time, ./test-clock) after it was booked (written when read). */
export const TEST_PICKUP_COMPLETES_AFTER_MS = 120_000;

export function pickupScope(scope: ApiScope): Prisma.PickupWhereInput {
  return { tenantId: scope.tenantId, environment: scope.environment, ...(scope.customerId !== null && { customerId: scope.customerId }) };
}

export function pickupView(p: Pickup) {
  return {
    id: p.id,
    status: p.status.toLowerCase() as "scheduled" | "completed" | "cancelled",
    environment: p.environment === "LIVE" ? ("live" as const) : ("test" as const),
    address: p.address as unknown as Address,
    ready_at: p.readyAt.toISOString(),
    close_at: p.closeAt.toISOString(),
    parcel_count: p.parcelCount,
    notes: p.notes,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
export type PickupView = ReturnType<typeof pickupView>;

export async function createPickup(scope: ApiScope, apiUserId: string | null, input: CreatePickupInput): Promise<PickupView> {
  const prisma = await db();
  const created = await prisma.pickup.create({
    data: {
      tenantId: scope.tenantId,
      customerId: scope.customerId,
      apiUserId,
      environment: scope.environment,
      status: "SCHEDULED",
      address: input.address,
      readyAt: input.ready_at,
      closeAt: input.close_at,
      parcelCount: input.parcel_count,
      notes: input.notes ?? null,
    },
  });
  return pickupView(created);
}

async function findPickup(scope: ApiScope, id: string): Promise<Pickup> {
  // cuid-shaped ids only; anything else cannot exist.
  if (!/^[a-z0-9]{10,40}$/.test(id)) throw notFound("No pickup with this id.");
  const prisma = await db();
  const where = { ...pickupScope(scope), id };
  const found = await prisma.pickup.findFirst({ where });
  if (!found) throw notFound("No pickup with this id.");
  if (
    found.environment === "TEST" &&
    found.status === "SCHEDULED" &&
    testElapsedMs(testClock(), found.createdAt) >= TEST_PICKUP_COMPLETES_AFTER_MS
  ) {
    await prisma.pickup.updateMany({ where: { id: found.id, status: "SCHEDULED" }, data: { status: "COMPLETED" } });
    return prisma.pickup.findFirstOrThrow({ where });
  }
  return found;
}

export async function getPickup(scope: ApiScope, id: string): Promise<PickupView> {
  return pickupView(await findPickup(scope, id));
}

/** DELETE /v1/pickups/{id}: a scheduled pickup is cancelled; a completed one is a 409. */
export async function cancelPickup(scope: ApiScope, id: string): Promise<PickupView> {
  const p = await findPickup(scope, id);
  const refuse = (status: string) =>
    new AppError(
      "pickup_not_cancellable",
      status === "CANCELLED" ? "This pickup is already cancelled." : "This pickup is completed; it can no longer be cancelled.",
      {
        status: status.toLowerCase(),
      },
    );
  if (p.status !== "SCHEDULED") throw refuse(p.status);
  const prisma = await db();
  const { count } = await prisma.pickup.updateMany({ where: { id: p.id, status: "SCHEDULED" }, data: { status: "CANCELLED" } });
  const now = await prisma.pickup.findUniqueOrThrow({ where: { id: p.id } });
  if (count === 0) throw refuse(now.status);
  return pickupView(now);
}

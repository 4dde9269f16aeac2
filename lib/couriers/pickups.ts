import "server-only";
import type { Pickup, Prisma } from "@prisma/client";
import type { ApiScope } from "@/lib/api/context";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { emitEvent } from "@/lib/webhooks/outbox";
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
  // With its pickup.created event (lib/webhooks/outbox.ts): both or neither.
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.pickup.create({
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
    await emitEvent(tx, row, "pickup.created", { pickup: pickupView(row) }, row.createdAt);
    return row;
  });
  return pickupView(created);
}

/** Completes a due TEST pickup, once (guarded by its status), with its pickup.completed event. */
async function completeTestPickup(id: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.pickup.updateMany({ where: { id, status: "SCHEDULED" }, data: { status: "COMPLETED" } });
    if (count === 0) return;
    const completed = await tx.pickup.findUniqueOrThrow({ where: { id } });
    await emitEvent(tx, completed, "pickup.completed", { pickup: pickupView(completed) });
  });
}

/** Completes every due TEST pickup matching `where` (the webhook worker's sweep: lib/webhooks/worker.ts). */
export async function completeDueTestPickups(where: Prisma.PickupWhereInput): Promise<void> {
  const prisma = await db();
  const clock = testClock();
  const due = await prisma.pickup.findMany({
    where: {
      ...where,
      environment: "TEST",
      status: "SCHEDULED",
      createdAt: { lte: new Date(clock.now() - TEST_PICKUP_COMPLETES_AFTER_MS / clock.scale) },
    },
    select: { id: true },
    take: 500,
  });
  for (const p of due) await completeTestPickup(p.id);
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
    await completeTestPickup(found.id);
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
  const { count, now } = await prisma.$transaction(async (tx) => {
    const { count } = await tx.pickup.updateMany({ where: { id: p.id, status: "SCHEDULED" }, data: { status: "CANCELLED" } });
    const now = await tx.pickup.findUniqueOrThrow({ where: { id: p.id } });
    if (count > 0) await emitEvent(tx, now, "pickup.cancelled", { pickup: pickupView(now) });
    return { count, now };
  });
  if (count === 0) throw refuse(now.status);
  return pickupView(now);
}

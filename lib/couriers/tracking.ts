import "server-only";
import type { Prisma, ShipmentStatus } from "@prisma/client";
import { db } from "@/lib/db";
import type { ShipmentStatusJson } from "./schemas";
import { emitEvent, statusChangedData } from "@/lib/webhooks/outbox";
import { fixedTestClock, realTimeAfter, testClock, testElapsedMs, type TestClock } from "./test-clock";

export function statusJson(status: ShipmentStatus): ShipmentStatusJson {
  return status.toLowerCase() as ShipmentStatusJson;
}

export function statusFromJson(status: ShipmentStatusJson): ShipmentStatus {
  return status.toUpperCase() as ShipmentStatus;
}

/**
 * Test mode: a TEST shipment moves on by itself so integrators can watch tracking change.
 * There is no timer: whenever TEST shipments are read, the steps that are due by the test
 * clock (./test-clock: real time unless the server runs test mode faster) are written
 * (status and events, with the real times they were due), once, guarded by the status
 * they advance from, so two concurrent readers cannot write a step twice. Stored status
 * is then the truth for filters, cancellation (409 after pickup) and labels.
 * `afterMs` is test-mode time since the shipment was created.
 */
export const TEST_TIMELINE: { status: ShipmentStatus; afterMs: number; description: string; at: "sender" | "hub" | "recipient" }[] = [
  { status: "PICKED_UP", afterMs: 60_000, description: "Picked up from sender", at: "sender" },
  { status: "IN_TRANSIT", afterMs: 120_000, description: "Departed origin hub", at: "hub" },
  { status: "OUT_FOR_DELIVERY", afterMs: 180_000, description: "Out for delivery", at: "recipient" },
  { status: "DELIVERED", afterMs: 240_000, description: "Delivered", at: "recipient" },
];

const ORDER: ShipmentStatus[] = ["CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"];
export const MOVING_STATUSES: ShipmentStatus[] = ["CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY"];

interface Timed {
  environment: "LIVE" | "TEST";
  status: ShipmentStatus;
  createdAt: Date;
}

interface Movable extends Timed {
  id: string;
  tenantId: string;
  customerId: string | null;
  awb: string;
  reference: string | null;
  sender: Prisma.JsonValue;
  recipient: Prisma.JsonValue;
}

function city(address: Prisma.JsonValue): string | null {
  if (typeof address === "object" && address !== null && !Array.isArray(address) && typeof address.city === "string") return address.city;
  return null;
}

/** The steps due for a TEST shipment by `clock` that it has not reached yet (none for LIVE). */
export function dueSteps(shipment: Timed, clock: TestClock = testClock()) {
  if (shipment.environment !== "TEST" || !MOVING_STATUSES.includes(shipment.status)) return [];
  const reached = ORDER.indexOf(shipment.status);
  const elapsed = testElapsedMs(clock, shipment.createdAt);
  return TEST_TIMELINE.filter((step) => ORDER.indexOf(step.status) > reached && step.afterMs <= elapsed);
}

/** Writes the due steps of one TEST shipment; true when it changed. */
export async function advanceTestShipment(shipment: Movable, clock: TestClock = testClock()): Promise<boolean> {
  const steps = dueSteps(shipment, clock);
  const last = steps[steps.length - 1];
  if (!last) return false;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.shipment.updateMany({ where: { id: shipment.id, status: shipment.status }, data: { status: last.status } });
    if (count === 0) return false;
    const from = city(shipment.sender);
    const events = steps.map((step) => ({
      status: step.status,
      description: step.description,
      location: step.at === "sender" ? from : step.at === "hub" ? (from ? `${from} hub` : "Origin hub") : city(shipment.recipient),
      occurredAt: realTimeAfter(clock, shipment.createdAt, step.afterMs),
    }));
    await tx.trackingEvent.createMany({ data: events.map((event) => ({ shipmentId: shipment.id, ...event })) });
    // One shipment.status_changed per tracking event, in their order (lib/webhooks/outbox.ts).
    let previous = shipment.status;
    for (const event of events) {
      await emitEvent(tx, shipment, "shipment.status_changed", statusChangedData(shipment, previous, event), event.occurredAt);
      previous = event.status;
    }
    return true;
  });
}

const movableFields = {
  id: true,
  tenantId: true,
  customerId: true,
  awb: true,
  reference: true,
  environment: true,
  status: true,
  createdAt: true,
  sender: true,
  recipient: true,
} as const;

/** Advances every due TEST shipment matching `where` (a scope's filter). */
export async function advanceDueTestShipments(where: Prisma.ShipmentWhereInput, clock: TestClock = testClock()): Promise<void> {
  const prisma = await db();
  const first = TEST_TIMELINE[0]?.afterMs ?? 0;
  // One instant for the query and every shipment it finds.
  const now = clock.now();
  const at = fixedTestClock(now, clock.scale);
  const moving = await prisma.shipment.findMany({
    where: { ...where, environment: "TEST", status: { in: MOVING_STATUSES }, createdAt: { lte: new Date(now - first / clock.scale) } },
    select: movableFields,
    take: 500,
  });
  for (const s of moving) await advanceTestShipment(s, at);
}

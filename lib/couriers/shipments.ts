import "server-only";
import type { Prisma, Shipment } from "@prisma/client";
import type { ApiScope } from "@/lib/api/context";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, notFound } from "@/lib/server/errors";
import { generateAwb, isValidAwb } from "./awb";
import { money } from "./money";
import { priceServices } from "./rates";
import { insertShipment } from "./shipment-write";
import {
  formatShipmentCursor,
  type Address,
  type ShipmentCursor,
  type CreateShipmentInput,
  type Parcel,
  type ShipmentListQuery,
} from "./schemas";
import { serviceView } from "./services";
import { readShipment, readTrackingEvents, type ShipmentRow } from "./shipment-read";
import { emitEvent, shipmentData, statusChangedData } from "@/lib/webhooks/outbox";
import { advanceDueTestShipments, advanceTestShipment, dueSteps, statusFromJson, statusJson } from "./tracking";

const include = {
  service: { select: { code: true, name: true, description: true } },
  customer: { select: { clientId: true, name: true } },
} as const;

/** What a scope may see: its tenant, its environment and, for a customer scope, that customer. */
export function shipmentScope(scope: ApiScope): Prisma.ShipmentWhereInput {
  return { tenantId: scope.tenantId, environment: scope.environment, ...(scope.customerId !== null && { customerId: scope.customerId }) };
}

export function shipmentView(s: ShipmentRow) {
  return {
    awb: s.awb,
    status: statusJson(s.status),
    environment: s.environment === "LIVE" ? ("live" as const) : ("test" as const),
    service: serviceView(s.service),
    reference: s.reference,
    customer: s.customer ? { client_id: s.customer.clientId, name: s.customer.name } : null,
    sender: s.sender as unknown as Address,
    recipient: s.recipient as unknown as Address,
    parcels: s.parcels as unknown as Parcel[],
    weight_grams: s.weightGrams,
    billable_grams: s.billableGrams,
    price: money(s.priceCents, s.currency),
    label_url: `/v1/shipments/${s.awb}/label`,
    tracking_url: `/v1/shipments/${s.awb}/track`,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    cancelled_at: s.cancelledAt?.toISOString() ?? null,
  };
}
export type ShipmentView = ReturnType<typeof shipmentView>;

/** POST /v1/shipments: priced from the caller's rate table, status created, one tracking event. */
export async function createShipment(scope: ApiScope, apiUserId: string | null, input: CreateShipmentInput): Promise<ShipmentView> {
  const { table, weights, priced } = await priceServices(scope, input.parcels, input.service);
  const offer = priced[0];
  if (!offer) throw new Error("priceServices returned no price for a named service");
  for (let attempt = 0; ; attempt++) {
    try {
      // With its first tracking event and shipment.created event in one statement: all or nothing.
      const row = await insertShipment({
        tenantId: scope.tenantId,
        customerId: scope.customerId,
        apiUserId,
        environment: scope.environment,
        service: offer.service,
        awb: generateAwb(),
        reference: input.reference ?? null,
        sender: input.sender,
        recipient: input.recipient,
        parcels: input.parcels,
        weightGrams: weights.weightGrams,
        billableGrams: weights.billableGrams,
        priceCents: offer.priceCents,
        currency: table.currency,
        location: input.sender.city,
      });
      return shipmentView(row);
    } catch (error) {
      // A collision of two random AWBs in one tenant: draw again.
      if (!isUniqueViolation(error) || attempt >= 4) throw error;
    }
  }
}

/** The shipment by AWB within the scope, moved on first when it is a due TEST shipment; 404 otherwise. */
async function findShipment(scope: ApiScope, awb: string): Promise<ShipmentRow> {
  // A mistyped number fails its check digit: no query needed to know it does not exist.
  if (!isValidAwb(awb)) throw notFound("No shipment with this AWB.");
  const found = await readShipment(scope, awb);
  if (!found) throw notFound("No shipment with this AWB.");
  if (dueSteps(found).length === 0) return found;
  // Re-read whether this call or a concurrent one wrote the steps.
  await advanceTestShipment(found);
  const moved = await readShipment(scope, awb);
  if (!moved) throw notFound("No shipment with this AWB.");
  return moved;
}

export async function getShipment(scope: ApiScope, awb: string): Promise<ShipmentView> {
  return shipmentView(await findShipment(scope, awb));
}

/** For the label: the stored row, refusing a cancelled shipment. */
export async function shipmentForLabel(scope: ApiScope, awb: string): Promise<ShipmentRow> {
  const s = await findShipment(scope, awb);
  if (s.status === "CANCELLED") throw new AppError("shipment_cancelled");
  return s;
}

function dayBound(value: string, end: boolean): Date {
  // A bare date means the whole UTC day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${end ? "23:59:59.999" : "00:00:00.000"}Z`);
  return new Date(value);
}

/** After a cursor, newest first. The lte repeats what the OR implies: the index scan starts at the cursor. */
function olderThan(cursor: ShipmentCursor): Prisma.ShipmentWhereInput {
  return {
    createdAt: { lte: cursor.createdAt },
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

/** GET /v1/shipments counts up to this many matches (meta.total_exact says whether it stopped). */
// Low on purpose: PGlite reads about 30 index entries per millisecond. total_pages still
// leads a page-by-page client on (envelope.ts), and next_cursor goes anywhere.
const LIST_COUNT_CAP = 1_000;

export async function listShipments(scope: ApiScope, query: ShipmentListQuery) {
  const prisma = await db();
  const base = shipmentScope(scope);
  if (scope.environment === "TEST") await advanceDueTestShipments(base);
  const where: Prisma.ShipmentWhereInput = {
    ...base,
    ...(query.status && { status: statusFromJson(query.status) }),
    ...((query.created_from || query.created_to) && {
      createdAt: {
        ...(query.created_from && { gte: dayBound(query.created_from, false) }),
        ...(query.created_to && { lte: dayBound(query.created_to, true) }),
      },
    }),
  };
  const cursor = query.cursor;
  const [counted, rows] = await Promise.all([
    // A capped count: stops after LIST_COUNT_CAP + 1 entries of the index instead of counting them all.
    prisma.shipment.count({ where, take: LIST_COUNT_CAP + 1 }),
    prisma.shipment.findMany({
      where: cursor ? { AND: [where, olderThan(cursor)] } : where,
      include,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...(!cursor && { skip: (query.page - 1) * query.per_page }),
      take: query.per_page + 1,
    }),
  ]);
  const items = rows.slice(0, query.per_page);
  const last = items.at(-1);
  return {
    items: items.map(shipmentView),
    page: cursor ? 1 : query.page,
    perPage: query.per_page,
    total: Math.min(counted, LIST_COUNT_CAP),
    totalExact: counted <= LIST_COUNT_CAP,
    nextCursor: rows.length > query.per_page && last ? formatShipmentCursor(last) : null,
  };
}

/** DELETE /v1/shipments/{awb}: only a shipment not yet picked up can be cancelled (else 409). */
export async function cancelShipment(scope: ApiScope, awb: string): Promise<ShipmentView> {
  const s = await findShipment(scope, awb);
  const notCancellable = () =>
    new AppError(
      "shipment_not_cancellable",
      s.status === "CANCELLED"
        ? "This shipment is already cancelled."
        : `This shipment is ${statusJson(s.status)}; only a shipment not yet picked up can be cancelled.`,
      {
        status: statusJson(s.status),
      },
    );
  if (s.status !== "CREATED") throw notCancellable();
  const prisma = await db();
  const now = new Date();
  const changed = await prisma.$transaction(async (tx) => {
    // Guarded by the status: a pickup scanned meanwhile wins.
    const { count } = await tx.shipment.updateMany({
      where: { id: s.id, status: "CREATED" },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    if (count === 0) return false;
    const event = { status: "CANCELLED" as const, description: "Cancelled by the shipper", location: null, occurredAt: now };
    await tx.trackingEvent.create({ data: { shipmentId: s.id, ...event } });
    await emitEvent(
      tx,
      s,
      "shipment.cancelled",
      { shipment: shipmentData({ ...s, status: "CANCELLED" }), cancelled_at: now.toISOString() },
      now,
    );
    await emitEvent(tx, s, "shipment.status_changed", statusChangedData(s, s.status, event), now);
    return true;
  });
  if (!changed) throw notCancellable();
  return shipmentView(await prisma.shipment.findUniqueOrThrow({ where: { id: s.id }, include }));
}

/** GET /v1/shipments/{awb}/track: the events, oldest first. */
export async function trackShipment(scope: ApiScope, awb: string) {
  const s = await findShipment(scope, awb);
  const events = await readTrackingEvents(s.id);
  return {
    awb: s.awb,
    status: statusJson(s.status),
    events: events.map((e) => ({
      status: statusJson(e.status),
      description: e.description,
      location: e.location,
      occurred_at: e.occurredAt.toISOString(),
    })),
  };
}

export interface CustomerShipment {
  awb: string;
  status: ReturnType<typeof statusJson>;
  environment: Shipment["environment"];
  service: string;
  reference: string | null;
  recipient: string;
  price: ReturnType<typeof money>;
  createdAt: Date;
}

/**
 * The dashboard's customer page: one page of that customer's shipments, both environments,
 * newest first; `before` (a cursor of formatShipmentCursor) continues after an earlier page.
 * Served by the index on (tenantId, customerId, createdAt, id).
 */
export async function listCustomerShipments(tenantId: string, customerId: string, before: ShipmentCursor | null = null, limit = 50) {
  const prisma = await db();
  const where = { tenantId, customerId };
  await advanceDueTestShipments(where);
  const rows = await prisma.shipment.findMany({
    where: before ? { ...where, ...olderThan(before) } : where,
    include,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { shipments: customerShipmentViews(page), older: rows.length > limit && last ? formatShipmentCursor(last) : null };
}

function customerShipmentViews(rows: ShipmentRow[]): CustomerShipment[] {
  return rows.map((s) => {
    const r = s.recipient as unknown as Partial<Address>;
    return {
      awb: s.awb,
      status: statusJson(s.status),
      environment: s.environment,
      service: s.service.name,
      reference: s.reference,
      recipient: [r.name, r.city, r.country].filter(Boolean).join(", "),
      price: money(s.priceCents, s.currency),
      createdAt: s.createdAt,
    };
  });
}

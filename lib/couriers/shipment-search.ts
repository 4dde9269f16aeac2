import "server-only";
import type { Environment, Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { isValidAwb } from "./awb";
import { shipmentLabel } from "./labels";
import { money } from "./money";
import type { Address, Parcel, ShipmentStatusJson } from "./schemas";
import { formatShipmentCursor, type EnvironmentChoice, type ShipmentCursor } from "./shipment-filters";
import { advanceDueTestShipments, advanceTestShipment, dueSteps, statusFromJson, statusJson } from "./tracking";

/**
 * The dashboard's view of shipments: every query takes the member's tenant first and puts
 * it in the `where`, so another tenant's shipment, customer or API user is a miss.
 * (The public API's listing is lib/couriers/shipments.ts; this module is the staff's.)
 */

export function environmentFromChoice(choice: EnvironmentChoice | undefined, fallback: Environment): Environment {
  return choice === "test" ? "TEST" : choice === "live" ? "LIVE" : fallback;
}

export interface ShipmentSearch {
  environment: Environment;
  status?: ShipmentStatusJson;
  customerId?: string;
  /** The API user who created the shipments (an API user's Shipments tab, or the filter). */
  apiUserId?: string;
  /** Older than this shipment (the next page). */
  after?: ShipmentCursor;
  /** Newer than this shipment (the previous page); ignored when `after` is set. */
  before?: ShipmentCursor;
}

const listSelect = {
  id: true,
  awb: true,
  status: true,
  environment: true,
  reference: true,
  recipient: true,
  priceCents: true,
  currency: true,
  createdAt: true,
  service: { select: { code: true, name: true } },
  customer: { select: { id: true, name: true } },
  apiUser: { select: { id: true, username: true } },
  // The latest tracking event, for the row; the detail page shows them all.
  events: { select: { description: true, location: true, occurredAt: true }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: 1 },
} satisfies Prisma.ShipmentSelect;

type ListRow = Prisma.ShipmentGetPayload<{ select: typeof listSelect }>;

function recipientSummary(value: Prisma.JsonValue): string {
  const r = (value ?? {}) as Partial<Address>;
  return [r.name, r.city, r.country].filter((part) => typeof part === "string" && part).join(", ");
}

function listItem(s: ListRow) {
  const last = s.events[0];
  return {
    id: s.id,
    awb: s.awb,
    status: statusJson(s.status),
    environment: s.environment,
    reference: s.reference,
    recipient: recipientSummary(s.recipient),
    price: money(s.priceCents, s.currency),
    createdAt: s.createdAt,
    service: s.service,
    customer: s.customer,
    apiUser: s.apiUser,
    lastEvent: last ?? null,
  };
}
export type ShipmentListItem = ReturnType<typeof listItem>;

export interface ShipmentPage {
  items: ShipmentListItem[];
  /** The `after` of the next (older) page, if there is one. */
  older: string | null;
  /** The `before` of the previous (newer) page, if there is one. */
  newer: string | null;
}

// The plain `createdAt <= c` beside the OR is what lets PostgreSQL start the index scan at
// the cursor instead of reading (and dropping) every newer row first.
function olderThan(c: ShipmentCursor): Prisma.ShipmentWhereInput {
  return { createdAt: { lte: c.createdAt }, OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] };
}

function newerThan(c: ShipmentCursor): Prisma.ShipmentWhereInput {
  return { createdAt: { gte: c.createdAt }, OR: [{ createdAt: { gt: c.createdAt } }, { id: { gt: c.id } }] };
}

/**
 * One page of a tenant's shipments, newest first, by keyset on (createdAt, id): never an
 * OFFSET, so page 1,000 costs what page 1 does, and shipments of the same millisecond keep
 * one order. Served by the (tenantId, environment, createdAt, id) and (apiUserId,
 * environment, createdAt, id) indexes. Due TEST shipments are moved on first, as the API
 * does when it reads them, so the status filter and the timeline agree with it.
 */
export async function searchShipments(tenantId: string, search: ShipmentSearch, size = 25): Promise<ShipmentPage> {
  const prisma = await db();
  const base: Prisma.ShipmentWhereInput = {
    tenantId,
    environment: search.environment,
    ...(search.customerId && { customerId: search.customerId }),
    ...(search.apiUserId && { apiUserId: search.apiUserId }),
  };
  if (search.environment === "TEST") await advanceDueTestShipments(base);
  const where: Prisma.ShipmentWhereInput = { ...base, ...(search.status && { status: statusFromJson(search.status) }) };

  if (!search.after && search.before) {
    const rows = await prisma.shipment.findMany({
      where: { AND: [where, newerThan(search.before)] },
      select: listSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: size + 1,
    });
    const items = rows.slice(0, size).reverse().map(listItem);
    const first = items[0];
    const last = items.at(-1);
    return {
      items,
      newer: rows.length > size && first ? formatShipmentCursor(first) : null,
      // The shipment the cursor names is older than this page.
      older: last ? formatShipmentCursor(last) : null,
    };
  }

  const rows = await prisma.shipment.findMany({
    where: search.after ? { AND: [where, olderThan(search.after)] } : where,
    select: listSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  const items = rows.slice(0, size).map(listItem);
  const first = items[0];
  const last = items.at(-1);
  return {
    items,
    older: rows.length > size && last ? formatShipmentCursor(last) : null,
    newer: search.after && first ? formatShipmentCursor(first) : null,
  };
}

const detailSelect = {
  ...listSelect,
  sender: true,
  parcels: true,
  weightGrams: true,
  billableGrams: true,
  updatedAt: true,
  cancelledAt: true,
  // For the test clock's step and its webhook events (tracking.ts advanceTestShipment).
  tenantId: true,
  customerId: true,
  customer: { select: { id: true, name: true, clientId: true } },
  events: {
    select: { id: true, status: true, description: true, location: true, occurredAt: true },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.ShipmentSelect;

/** A shipment of the tenant by AWB, with its whole tracking timeline (oldest first); null when the tenant has none. */
export async function shipmentDetail(tenantId: string, awb: string) {
  if (!isValidAwb(awb)) return null;
  const prisma = await db();
  const where = { tenantId, awb };
  let s = await prisma.shipment.findFirst({ where, select: detailSelect });
  if (!s) return null;
  if (dueSteps(s).length > 0) {
    await advanceTestShipment({ ...s, sender: s.sender, recipient: s.recipient });
    s = await prisma.shipment.findFirstOrThrow({ where, select: detailSelect });
  }
  return {
    ...listItem({ ...s, events: s.events.slice(-1) }),
    customer: s.customer,
    sender: s.sender as unknown as Address,
    recipientAddress: s.recipient as unknown as Address,
    parcels: s.parcels as unknown as Parcel[],
    weightGrams: s.weightGrams,
    billableGrams: s.billableGrams,
    updatedAt: s.updatedAt,
    cancelledAt: s.cancelledAt,
    events: s.events.map((e) => ({ ...e, status: statusJson(e.status) })),
  };
}
export type ShipmentDetail = NonNullable<Awaited<ReturnType<typeof shipmentDetail>>>;

/**
 * The label for staff: the same PDF or ZPL the API serves (lib/couriers/labels.ts), for a
 * shipment of the member's tenant in whichever environment it was made. Throws not_found
 * for another tenant's AWB, shipment_cancelled for a cancelled one.
 */
export async function staffShipmentLabel(tenantId: string, awb: string, format: "pdf" | "zpl") {
  const prisma = await db();
  const found = isValidAwb(awb) ? await prisma.shipment.findFirst({ where: { tenantId, awb }, select: { environment: true } }) : null;
  // A miss goes through shipmentLabel too, which answers it with the API's not_found.
  return shipmentLabel({ tenantId, customerId: null, environment: found?.environment ?? "LIVE" }, awb, format);
}

/** The API user of the tenant with this id (deleted ones too: their shipments remain); null otherwise. */
export async function tenantApiUser(tenantId: string, id: string) {
  const prisma = await db();
  return prisma.apiUser.findFirst({
    where: { id, tenantId },
    select: { id: true, username: true, deletedAt: true, customer: { select: { id: true, name: true } } },
  });
}

export interface FilterOption {
  id: string;
  label: string;
  hint: string | null;
}

const MATCHES = 10;

/** The filter's search-as-you-type: up to 10 of the tenant's API users whose username or e-mail contains `q`. */
export async function matchApiUsers(tenantId: string, q: string): Promise<FilterOption[]> {
  const prisma = await db();
  const text = q.trim().slice(0, 100);
  const users = await prisma.apiUser.findMany({
    where: {
      tenantId,
      ...(text && { OR: [{ usernameLower: { contains: text.toLowerCase() } }, { email: { contains: text, mode: "insensitive" } }] }),
    },
    orderBy: [{ usernameLower: "asc" }, { id: "asc" }],
    take: MATCHES,
    select: { id: true, username: true, deletedAt: true, customer: { select: { name: true } } },
  });
  return users.map((u) => ({
    id: u.id,
    label: u.username,
    hint: [u.customer?.name ?? "Tenant-wide", u.deletedAt && "deleted"].filter(Boolean).join(" · "),
  }));
}

/** The filter's search-as-you-type: up to 10 of the tenant's customers whose name or Client ID contains `q`. */
export async function matchCustomers(tenantId: string, q: string): Promise<FilterOption[]> {
  const prisma = await db();
  const text = q.trim().slice(0, 100);
  const customers = await prisma.customer.findMany({
    where: {
      tenantId,
      ...(text && { OR: [{ name: { contains: text, mode: "insensitive" } }, { clientId: { contains: text, mode: "insensitive" } }] }),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MATCHES,
    select: { id: true, name: true, clientId: true },
  });
  return customers.map((c) => ({ id: c.id, label: c.name, hint: c.clientId }));
}

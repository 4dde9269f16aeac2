import "server-only";
import type { Prisma, Shipment, ShipmentStatus } from "@prisma/client";
import type { ApiScope } from "@/lib/api/context";
import { database } from "@/lib/db";

/** A shipment with what its view shows of its service and customer (the shape of Prisma's `include`). */
export type ShipmentRow = Shipment & {
  service: { code: string; name: string; description: string };
  customer: { clientId: string; name: string } | null;
};

interface Row {
  id: string;
  tenantId: string;
  customerId: string | null;
  apiUserId: string | null;
  serviceId: string;
  awb: string;
  environment: string;
  status: string;
  reference: string | null;
  sender: Prisma.JsonValue;
  recipient: Prisma.JsonValue;
  parcels: Prisma.JsonValue;
  weightGrams: number;
  billableGrams: number;
  priceCents: number;
  currency: string;
  createdAtMs: number;
  updatedAtMs: number;
  cancelledAtMs: number | null;
  serviceCode: string;
  serviceName: string;
  serviceDescription: string;
  customerClientId: string | null;
  customerName: string | null;
}

// By the unique (tenantId, awb); the scope's environment and customer are checked on that one
// row, so another customer's or environment's shipment is simply no row (a 404). Times come
// back as epoch milliseconds (see lib/api/credentials.ts TOKEN_QUERY: node-pg would read the
// UTC `timestamp without time zone` columns in local time).
const SHIPMENT_QUERY = `
  SELECT s."id", s."tenantId", s."customerId", s."apiUserId", s."serviceId", s."awb",
         s."environment"::text AS "environment", s."status"::text AS "status", s."reference",
         s."sender", s."recipient", s."parcels", s."weightGrams", s."billableGrams", s."priceCents", s."currency",
         (extract(epoch FROM s."createdAt") * 1000)::float8 AS "createdAtMs",
         (extract(epoch FROM s."updatedAt") * 1000)::float8 AS "updatedAtMs",
         (extract(epoch FROM s."cancelledAt") * 1000)::float8 AS "cancelledAtMs",
         v."code" AS "serviceCode", v."name" AS "serviceName", v."description" AS "serviceDescription",
         c."clientId" AS "customerClientId", c."name" AS "customerName"
  FROM "Shipment" s
  JOIN "Service" v ON v."id" = s."serviceId"
  LEFT JOIN "Customer" c ON c."id" = s."customerId"
  WHERE s."tenantId" = $1 AND s."awb" = $2 AND s."environment"::text = $3 AND ($4::text IS NULL OR s."customerId" = $4)`;

/**
 * GET /v1/shipments/{awb} (and its track, label and cancel): the shipment in `scope`, with its
 * service and customer, in one round trip through the driver. Prisma's findFirst with an
 * `include` sent three queries and cost about a millisecond of CPU each (lib/api/credentials.ts).
 */
export async function readShipment(scope: ApiScope, awb: string): Promise<ShipmentRow | null> {
  const { driver } = await database();
  const [row] = await driver.withSession((s) => s.query<Row>(SHIPMENT_QUERY, [scope.tenantId, awb, scope.environment, scope.customerId]));
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    customerId: row.customerId,
    apiUserId: row.apiUserId,
    serviceId: row.serviceId,
    awb: row.awb,
    environment: row.environment === "TEST" ? "TEST" : "LIVE",
    status: row.status as ShipmentStatus,
    reference: row.reference,
    sender: row.sender,
    recipient: row.recipient,
    parcels: row.parcels,
    weightGrams: row.weightGrams,
    billableGrams: row.billableGrams,
    priceCents: row.priceCents,
    currency: row.currency,
    createdAt: new Date(Number(row.createdAtMs)),
    updatedAt: new Date(Number(row.updatedAtMs)),
    cancelledAt: row.cancelledAtMs === null ? null : new Date(Number(row.cancelledAtMs)),
    service: { code: row.serviceCode, name: row.serviceName, description: row.serviceDescription },
    customer:
      row.customerClientId !== null && row.customerName !== null ? { clientId: row.customerClientId, name: row.customerName } : null,
  };
}

interface EventRow {
  status: string;
  description: string;
  location: string | null;
  occurredAtMs: number;
}

const EVENTS_QUERY = `
  SELECT "status"::text AS "status", "description", "location", (extract(epoch FROM "occurredAt") * 1000)::float8 AS "occurredAtMs"
  FROM "TrackingEvent" WHERE "shipmentId" = $1 ORDER BY "occurredAt" ASC, "id" ASC`;

/** A shipment's tracking events, oldest first (GET /v1/shipments/{awb}/track). */
export async function readTrackingEvents(shipmentId: string) {
  const { driver } = await database();
  const rows = await driver.withSession((s) => s.query<EventRow>(EVENTS_QUERY, [shipmentId]));
  return rows.map((e) => ({
    status: e.status as ShipmentStatus,
    description: e.description,
    location: e.location,
    occurredAt: new Date(Number(e.occurredAtMs)),
  }));
}

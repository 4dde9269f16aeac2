import "server-only";
import type { Environment, Prisma } from "@prisma/client";
import { database } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { firstAttemptAt, messagePayload, receiversSql, shipmentData } from "@/lib/webhooks/outbox";
import { newMessageId } from "@/lib/webhooks/signing";
import type { Address, Parcel } from "./schemas";
import type { ShipmentRow } from "./shipment-read";

/** What POST /v1/shipments writes: the priced shipment, as createShipment decided it. */
export interface NewShipment {
  tenantId: string;
  customerId: string | null;
  apiUserId: string | null;
  environment: Environment;
  service: { id: string; code: string; name: string; description: string };
  awb: string;
  reference: string | null;
  sender: Address;
  recipient: Address;
  parcels: Parcel[];
  weightGrams: number;
  billableGrams: number;
  priceCents: number;
  currency: string;
  /** Where the parcel starts: the first tracking event's location. */
  location: string;
}

const EVENT = "shipment.created";
// Stored as UTC `timestamp(3)`, as Prisma's DateTime; times travel as epoch milliseconds.
const AT = `(to_timestamp($13::float8 / 1000.0) AT TIME ZONE 'UTC')::timestamp(3)`;

/**
 * The shipment, its first tracking event and, when an endpoint listens, its shipment.created
 * message with one delivery per endpoint (lib/webhooks/outbox.ts), as data-modifying CTEs of
 * one statement: they commit or fail together (a collision of AWBs writes nothing), in one
 * round trip. Through the driver rather than Prisma, whose interactive transaction was five
 * round trips and most of the request's CPU (bench/profile.ts). A delivery's id is derived
 * from its message and endpoint, a pair written once.
 */
const INSERT_SHIPMENT = `
  WITH receivers AS (${receiversSql({ tenantId: "$1", environment: "$2", type: "$3", customerId: "$4" })}),
  shipment AS (
    INSERT INTO "Shipment" ("id", "tenantId", "customerId", "apiUserId", "serviceId", "awb", "environment", "status", "reference",
                            "sender", "recipient", "parcels", "weightGrams", "billableGrams", "priceCents", "currency", "createdAt", "updatedAt")
    VALUES ($5, $1, $4, $6, $7, $8, $2::"Environment", 'CREATED', $9, $10::jsonb, $11::jsonb, $12::jsonb, $14, $15, $16, $17, ${AT}, ${AT})
    RETURNING "id", "customerId", "sender", "recipient", "parcels"
  ),
  tracking AS (
    INSERT INTO "TrackingEvent" ("id", "shipmentId", "status", "description", "location", "occurredAt")
    SELECT $18, s."id", 'CREATED', 'Shipment data received', $19, ${AT} FROM shipment s
  ),
  message AS (
    INSERT INTO "WebhookMessage" ("id", "tenantId", "type", "environment", "payload", "createdAt")
    SELECT $20, $1, $3, $2::"Environment", $21::jsonb, ${AT} FROM shipment WHERE EXISTS (SELECT 1 FROM receivers)
    RETURNING "id", "seq"
  ),
  deliveries AS (
    INSERT INTO "WebhookDelivery" ("id", "messageId", "endpointId", "seq", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT 'c' || substr(md5(m."id" || ' ' || r."id"), 1, 24), m."id", r."id", m."seq",
           (to_timestamp($22::float8 / 1000.0) AT TIME ZONE 'UTC')::timestamp(3), ${AT}, ${AT}
    FROM message m CROSS JOIN receivers r
  )
  SELECT s."sender", s."recipient", s."parcels", c."clientId" AS "customerClientId", c."name" AS "customerName"
  FROM shipment s LEFT JOIN "Customer" c ON c."id" = s."customerId"`;

interface InsertedRow {
  sender: Prisma.JsonValue;
  recipient: Prisma.JsonValue;
  parcels: Prisma.JsonValue;
  customerClientId: string | null;
  customerName: string | null;
}

/** Writes the shipment (see INSERT_SHIPMENT); returns it as GET /v1/shipments/{awb} reads it. */
export async function insertShipment(s: NewShipment, at = new Date()): Promise<ShipmentRow> {
  const id = newId(at.getTime());
  const facts = { awb: s.awb, status: "CREATED" as const, environment: s.environment, reference: s.reference, createdAt: at };
  const { driver } = await database();
  const [row] = await driver.withSession((session) =>
    session.query<InsertedRow>(INSERT_SHIPMENT, [
      s.tenantId,
      s.environment,
      EVENT,
      s.customerId,
      id,
      s.apiUserId,
      s.service.id,
      s.awb,
      s.reference,
      JSON.stringify(s.sender),
      JSON.stringify(s.recipient),
      JSON.stringify(s.parcels),
      at.getTime(),
      s.weightGrams,
      s.billableGrams,
      s.priceCents,
      s.currency,
      newId(at.getTime()),
      s.location,
      newMessageId(),
      JSON.stringify(messagePayload(EVENT, { shipment: shipmentData(facts) }, at)),
      firstAttemptAt(at).getTime(),
    ]),
  );
  if (!row) throw new Error("INSERT ... RETURNING gave no row");
  return {
    id,
    tenantId: s.tenantId,
    customerId: s.customerId,
    apiUserId: s.apiUserId,
    serviceId: s.service.id,
    awb: s.awb,
    environment: s.environment,
    status: "CREATED",
    reference: s.reference,
    sender: row.sender,
    recipient: row.recipient,
    parcels: row.parcels,
    weightGrams: s.weightGrams,
    billableGrams: s.billableGrams,
    priceCents: s.priceCents,
    currency: s.currency,
    createdAt: at,
    updatedAt: at,
    cancelledAt: null,
    service: { code: s.service.code, name: s.service.name, description: s.service.description },
    customer:
      row.customerClientId !== null && row.customerName !== null ? { clientId: row.customerClientId, name: row.customerName } : null,
  };
}

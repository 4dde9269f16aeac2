import "server-only";
import type { Environment, Prisma, ShipmentStatus } from "@prisma/client";
import { env } from "@/lib/server/env";
import type { WebhookEventType } from "./rules";
import { newMessageId } from "./signing";

/**
 * The outbox: a change that integrators are told about writes its event here, with the
 * transaction client of the change itself, so the event exists exactly when the change
 * was committed (none lost when the process stops before sending, none sent for a change
 * that rolled back). The event is fanned out at once to one WebhookDelivery per endpoint
 * that wants it; the worker (./worker.ts) sends those. A change no endpoint listens to
 * costs one indexed query and writes nothing.
 */

type Tx = Prisma.TransactionClient;

/** Whose object changed: its tenant, environment and customer (null: made by a tenant-wide user). */
export interface EventSource {
  tenantId: string;
  environment: Environment;
  customerId: string | null;
}

/**
 * The endpoints that receive an object's events, as SQL over the four placeholders given:
 * the tenant's enabled endpoints of the object's environment that subscribed to the type, of
 * API users who can see the object through the API (tenant-wide users see every customer's,
 * a customer's user its own). SQL so that a write of one statement (lib/couriers/shipment-write.ts)
 * can fan out in the same statement; emitEvent runs the same text.
 */
export function receiversSql(p: { tenantId: string; environment: string; type: string; customerId: string }): string {
  return `
    SELECT e."id" FROM "WebhookEndpoint" e JOIN "ApiUser" u ON u."id" = e."apiUserId"
    WHERE e."tenantId" = ${p.tenantId} AND e."environment" = ${p.environment}::"Environment" AND e."enabled"
      AND ${p.type} = ANY (e."events") AND u."deletedAt" IS NULL
      AND (u."customerId" IS NULL OR u."customerId" = ${p.customerId})`;
}

const RECEIVERS = receiversSql({ tenantId: "$1", environment: "$2", type: "$3", customerId: "$4" });

/** Writes one event and its deliveries within `tx`; returns the message id, or null when nobody listens. */
export async function emitEvent(
  tx: Tx,
  source: EventSource,
  type: WebhookEventType,
  data: Prisma.InputJsonObject,
  at = new Date(),
): Promise<string | null> {
  const endpoints = await tx.$queryRawUnsafe<{ id: string }[]>(RECEIVERS, source.tenantId, source.environment, type, source.customerId);
  if (endpoints.length === 0) return null;
  return writeMessage(
    tx,
    source,
    type,
    data,
    endpoints.map((e) => e.id),
    at,
  );
}

/** The body a message sends: {"type", "timestamp", "data"}. */
export function messagePayload(type: string, data: Prisma.InputJsonObject, at: Date): Prisma.InputJsonObject {
  return { type, timestamp: at.toISOString(), data };
}

/** When a new message's deliveries are first due: the schedule's first delay (0 unless configured otherwise). */
export function firstAttemptAt(at: Date): Date {
  return new Date(at.getTime() + (env().WEBHOOK_RETRY_SCHEDULE[0] ?? 0));
}

/** A message for the given endpoints (a test event goes to one endpoint, whatever it subscribed to). */
export async function writeMessage(
  tx: Tx,
  source: Pick<EventSource, "tenantId" | "environment">,
  type: string,
  data: Prisma.InputJsonObject,
  endpointIds: readonly string[],
  at = new Date(),
): Promise<string> {
  const message = await tx.webhookMessage.create({
    data: {
      id: newMessageId(),
      tenantId: source.tenantId,
      type,
      environment: source.environment,
      payload: messagePayload(type, data, at),
      createdAt: at,
    },
    select: { id: true, seq: true },
  });
  const due = firstAttemptAt(at);
  await tx.webhookDelivery.createMany({
    data: endpointIds.map((endpointId) => ({ messageId: message.id, endpointId, seq: message.seq, nextAttemptAt: due, createdAt: at })),
  });
  return message.id;
}

// The payloads' shapes, as the public API spells its objects (snake_case, lower-case statuses).

export interface ShipmentFacts {
  awb: string;
  status: ShipmentStatus;
  environment: Environment;
  reference: string | null;
  createdAt: Date;
}

export function shipmentData(s: ShipmentFacts): Prisma.InputJsonObject {
  return {
    awb: s.awb,
    status: s.status.toLowerCase(),
    environment: s.environment.toLowerCase(),
    reference: s.reference,
    created_at: s.createdAt.toISOString(),
    tracking_url: `/v1/shipments/${s.awb}/track`,
  };
}

export interface TrackingFacts {
  status: ShipmentStatus;
  description: string;
  location: string | null;
  occurredAt: Date;
}

/** shipment.status_changed: the shipment as of this tracking event, the event, and the status before it. */
export function statusChangedData(s: ShipmentFacts, previous: ShipmentStatus, event: TrackingFacts): Prisma.InputJsonObject {
  return {
    shipment: shipmentData({ ...s, status: event.status }),
    previous_status: previous.toLowerCase(),
    tracking_event: {
      status: event.status.toLowerCase(),
      description: event.description,
      location: event.location,
      occurred_at: event.occurredAt.toISOString(),
    },
  };
}

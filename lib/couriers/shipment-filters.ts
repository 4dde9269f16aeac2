import { z } from "zod";
import { SHIPMENT_STATUSES, type ShipmentStatusJson } from "./schemas";

/**
 * The dashboard's shipment lists (the tenant's Shipments page, an API user's Shipments
 * tab): what their query string may hold. Pure, shared by the pages and the filter form.
 * A value that is not valid is dropped rather than refused: a hand-edited URL shows the
 * unfiltered list, never an error page.
 */
export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatusJson, string> = {
  created: "Created",
  picked_up: "Picked up",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export const ENVIRONMENT_CHOICES = ["live", "test"] as const;
export type EnvironmentChoice = (typeof ENVIRONMENT_CHOICES)[number];

const id = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+$/i)
  .optional()
  .catch(undefined);

/** `2026-11-25T12:30:00.123Z_<id>`: the time and id of a shipment at the edge of a page. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([a-z0-9]{1,64})$/i;

export interface ShipmentCursor {
  createdAt: Date;
  id: string;
}

export function formatShipmentCursor(s: ShipmentCursor): string {
  return `${s.createdAt.toISOString()}_${s.id}`;
}

export function parseShipmentCursor(text: string): ShipmentCursor | null {
  const match = CURSOR.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const createdAt = new Date(match[1]);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2] };
}

const cursor = z
  .string()
  .max(120)
  .transform((text, ctx) => parseShipmentCursor(text) ?? (ctx.addIssue({ code: "custom", message: "Not a cursor." }), z.NEVER))
  .optional()
  .catch(undefined);

export const ShipmentSearchParams = z.object({
  status: z.enum(SHIPMENT_STATUSES).optional().catch(undefined),
  environment: z.enum(ENVIRONMENT_CHOICES).optional().catch(undefined),
  customer: id,
  apiUser: id,
  /** The next (older) page starts after this shipment. */
  after: cursor,
  /** The previous (newer) page ends before this shipment. */
  before: cursor,
});
export type ShipmentSearchParams = z.output<typeof ShipmentSearchParams>;

export function parseShipmentSearchParams(params: Record<string, string | string[] | undefined>): ShipmentSearchParams {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return ShipmentSearchParams.parse({
    status: first(params.status),
    environment: first(params.environment),
    customer: first(params.customer),
    apiUser: first(params.apiUser),
    after: first(params.after),
    before: first(params.before),
  });
}

/** A list's URL with the given filters; empty values are left out. */
export function shipmentListHref(path: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

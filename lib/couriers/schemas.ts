import { z } from "zod";
import { PaginationQuery } from "@/lib/api/input";

/**
 * The request and response shapes of the courier API, in one place: route handlers
 * validate with them, lib/openapi.ts turns them into the OpenAPI document, and the
 * dashboard reads their descriptions. JSON field names are snake_case.
 */

const text = (max: number) => z.string().trim().min(1, "Required.").max(max, `At most ${max} characters.`);

export const Country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "An ISO 3166-1 alpha-2 country code, e.g. DE.")
  .transform((v) => v.toUpperCase())
  .describe("ISO 3166-1 alpha-2 country code");

export const Address = z
  .object({
    name: text(100).describe("Contact person"),
    company: text(100).optional(),
    street1: text(120),
    street2: text(120).optional(),
    city: text(80),
    postal_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/, "A postal code: 2–11 letters, digits, spaces or dashes."),
    country: Country,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()/-]{5,20}$/, "A phone number: digits, spaces and + ( ) / -.")
      .optional(),
    email: z.email("An e-mail address.").max(200).optional(),
  })
  .strict()
  .meta({
    description: "A postal address.",
    example: { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE", phone: "+49 30 1234567" },
  });
export type Address = z.output<typeof Address>;

/** Only where the parcel goes matters for a quote. */
export const QuoteAddress = z
  .object({ city: text(80).optional(), postal_code: Address.shape.postal_code, country: Country })
  .strict()
  .meta({ description: "Where a parcel leaves from or goes to.", example: { postal_code: "10115", city: "Berlin", country: "DE" } });

const centimetres = z.number("A number of centimetres.").positive("Greater than 0.").max(300, "At most 300 cm.");

export const Parcel = z
  .object({
    weight_grams: z
      .number("A whole number of grams.")
      .int("A whole number of grams.")
      .min(1, "At least 1 g.")
      .max(70_000, "At most 70,000 g (70 kg)."),
    length_cm: centimetres,
    width_cm: centimetres,
    height_cm: centimetres,
  })
  .strict()
  .meta({
    description: "One parcel: actual weight in grams, outer dimensions in centimetres.",
    example: { weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 },
  });
export type Parcel = z.output<typeof Parcel>;

const Parcels = z.array(Parcel).min(1, "At least one parcel.").max(20, "At most 20 parcels.");

export const ServiceCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, "A service code, e.g. EXPRESS.")
  .transform((v) => v.toUpperCase())
  .describe("A service code from GET /v1/services");

export const QuoteInput = z
  .object({ from: QuoteAddress, to: QuoteAddress, parcels: Parcels, service: ServiceCode.optional() })
  .strict()
  .meta({
    example: {
      from: { postal_code: "10115", city: "Berlin", country: "DE" },
      to: { postal_code: "80331", city: "München", country: "DE" },
      parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
    },
  });
export type QuoteInput = z.output<typeof QuoteInput>;

export const CreateShipmentInput = z
  .object({
    service: ServiceCode,
    reference: text(64).optional().describe("Your own reference, e.g. an order number"),
    sender: Address,
    recipient: Address,
    parcels: Parcels,
  })
  .strict()
  .meta({
    example: {
      service: "STANDARD",
      reference: "ORDER-1001",
      sender: {
        name: "Warehouse Team",
        company: "Northwind Outfitters",
        street1: "Lagerweg 1",
        city: "Hamburg",
        postal_code: "20095",
        country: "DE",
      },
      recipient: {
        name: "Jane Doe",
        street1: "Hauptstraße 5",
        city: "Berlin",
        postal_code: "10115",
        country: "DE",
        phone: "+49 30 1234567",
      },
      parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
    },
  });
export type CreateShipmentInput = z.output<typeof CreateShipmentInput>;

export const SHIPMENT_STATUSES = ["created", "picked_up", "in_transit", "out_for_delivery", "delivered", "cancelled"] as const;
export const ShipmentStatusJson = z.enum(SHIPMENT_STATUSES).describe("Lower-case shipment status");
export type ShipmentStatusJson = z.output<typeof ShipmentStatusJson>;

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], "A date (2026-01-31) or an ISO 8601 date-time.");

/** Where a page of shipments ends: its last shipment's creation time and id, newest first. */
export interface ShipmentCursor {
  createdAt: Date;
  id: string;
}

/** `meta.next_cursor`: opaque to clients (base64url of the time and the id). */
export function formatShipmentCursor(shipment: ShipmentCursor): string {
  return Buffer.from(`${shipment.createdAt.toISOString()}_${shipment.id}`).toString("base64url");
}

export function parseShipmentCursor(text: string): ShipmentCursor | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([A-Za-z0-9_-]{1,64})$/.exec(
    Buffer.from(text, "base64url").toString("utf8"),
  );
  if (!match?.[1] || !match[2]) return null;
  const createdAt = new Date(match[1]);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2] };
}

export const ShipmentListQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const cursor = parseShipmentCursor(text);
      if (!cursor) ctx.addIssue({ code: "custom", message: "Not a cursor this API returned (meta.next_cursor)." });
      return cursor ?? z.NEVER;
    })
    .optional()
    .describe("meta.next_cursor of the previous page: the next page, however deep, at the cost of the first (page is then ignored)"),
  page: PaginationQuery.shape.page.describe("Page number, from 1 (each page skips the ones before it: for deep pages use cursor)"),
  per_page: PaginationQuery.shape.per_page.describe("Items per page, 1–100"),
  status: ShipmentStatusJson.optional(),
  created_from: dateOrDateTime.optional().describe("Created at or after (a date means its start, UTC)"),
  created_to: dateOrDateTime.optional().describe("Created at or before (a date means its end, UTC)"),
});
export type ShipmentListQuery = z.output<typeof ShipmentListQuery>;

export const LabelQuery = z.object({
  format: z.enum(["pdf", "zpl"]).default("pdf").describe("pdf: a 4×6 in PDF; zpl: ZPL II for thermal printers"),
});

const isoDateTime = () =>
  z.iso.datetime({ offset: true, message: "An ISO 8601 date-time, e.g. 2026-05-01T09:00:00Z." }).transform((v) => new Date(v));

/**
 * A pickup request as the Endpoint reference shows it: the window is tomorrow 09:00–17:00
 * UTC counted from `now`, so the example is valid whenever it is run (a window in the past
 * is refused). The operation builds it when the reference is shown (lib/api/operations/pickups.ts).
 */
export function pickupExample(now: Date) {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const at = (hour: number) => new Date(tomorrow + hour * 3_600_000).toISOString().replace(".000Z", "Z");
  return {
    address: {
      name: "Warehouse Team",
      company: "Northwind Outfitters",
      street1: "Lagerweg 1",
      city: "Hamburg",
      postal_code: "20095",
      country: "DE",
    },
    ready_at: at(9),
    close_at: at(17),
    parcel_count: 3,
    notes: "Ring at gate 2",
  };
}

export const CreatePickupInput = z
  .object({
    address: Address,
    ready_at: isoDateTime().describe("From when the parcels are ready (ISO 8601)"),
    close_at: isoDateTime().describe("Until when someone is there to hand them over (ISO 8601)"),
    parcel_count: z.number("A whole number.").int("A whole number.").min(1, "At least 1.").max(500, "At most 500."),
    notes: z.string().trim().max(500, "At most 500 characters.").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // zod runs this even when a field already failed: then it may hold the raw input.
    if (!(v.ready_at instanceof Date) || !(v.close_at instanceof Date)) return;
    const now = Date.now();
    if (v.ready_at.getTime() < now - 15 * 60_000) ctx.addIssue({ code: "custom", path: ["ready_at"], message: "Must not be in the past." });
    if (v.ready_at.getTime() > now + 30 * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["ready_at"], message: "At most 30 days ahead." });
    if (v.close_at.getTime() <= v.ready_at.getTime())
      ctx.addIssue({ code: "custom", path: ["close_at"], message: "Must be after ready_at." });
    else if (v.close_at.getTime() - v.ready_at.getTime() > 24 * 3_600_000)
      ctx.addIssue({ code: "custom", path: ["close_at"], message: "At most 24 hours after ready_at." });
  })
  .meta({ example: pickupExample(new Date("2026-05-01T00:00:00Z")) });
export type CreatePickupInput = z.output<typeof CreatePickupInput>;

// ---- responses (documented in OpenAPI; the views in lib/couriers build them) ----

export const Money = z
  .object({
    amount: z.string().describe('Decimal string with two places, e.g. "12.50"'),
    amount_cents: z.number().int().describe("The same amount in integer minor units (cents)"),
    currency: z.string().describe("ISO 4217 currency code"),
  })
  .meta({ description: "An amount of money. Never a float.", example: { amount: "12.50", amount_cents: 1250, currency: "EUR" } });
export type Money = z.output<typeof Money>;

export const ServiceView = z
  .object({ code: z.string(), name: z.string(), description: z.string() })
  .meta({ example: { code: "EXPRESS", name: "Express 24h", description: "Next working day by 18:00." } });

export const QuoteView = z
  .object({
    rate_table: z.object({ id: z.string(), name: z.string() }),
    weight_grams: z.number().int().describe("Sum of the parcels' actual weights"),
    volumetric_grams: z.number().int().describe("Sum of the parcels' volumetric weights (L×W×H cm / 5000 kg)"),
    billable_grams: z.number().int().describe("Sum over parcels of max(actual, volumetric)"),
    rates: z.array(z.object({ service: ServiceView, price: Money })),
  })
  .meta({
    example: {
      rate_table: { id: "cmabc123", name: "Standard tariff" },
      weight_grams: 1200,
      volumetric_grams: 1200,
      billable_grams: 1200,
      rates: [
        {
          service: { code: "STANDARD", name: "Standard", description: "2–3 working days." },
          price: { amount: "6.90", amount_cents: 690, currency: "EUR" },
        },
      ],
    },
  });

const EnvironmentJson = z.enum(["live", "test"]);

export const TrackingEventView = z.object({
  status: ShipmentStatusJson,
  description: z.string(),
  location: z.string().nullable(),
  occurred_at: z.string().describe("ISO 8601"),
});

export const ShipmentView = z
  .object({
    awb: z.string().describe("Air waybill number: 10 digits and a mod-11 check digit"),
    status: ShipmentStatusJson,
    environment: EnvironmentJson,
    service: ServiceView,
    reference: z.string().nullable(),
    customer: z.object({ client_id: z.string(), name: z.string() }).nullable(),
    sender: Address,
    recipient: Address,
    parcels: z.array(Parcel),
    weight_grams: z.number().int(),
    billable_grams: z.number().int(),
    price: Money,
    label_url: z.string(),
    tracking_url: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    cancelled_at: z.string().nullable(),
  })
  .meta({
    example: {
      awb: "40318275562",
      status: "created",
      environment: "live",
      service: { code: "STANDARD", name: "Standard", description: "2–3 working days." },
      reference: "ORDER-1001",
      customer: { client_id: "cus_example", name: "Northwind Outfitters" },
      sender: { name: "Warehouse Team", street1: "Lagerweg 1", city: "Hamburg", postal_code: "20095", country: "DE" },
      recipient: { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" },
      parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
      weight_grams: 1200,
      billable_grams: 1200,
      price: { amount: "6.90", amount_cents: 690, currency: "EUR" },
      label_url: "/v1/shipments/40318275562/label",
      tracking_url: "/v1/shipments/40318275562/track",
      created_at: "2026-05-01T09:00:00.000Z",
      updated_at: "2026-05-01T09:00:00.000Z",
      cancelled_at: null,
    },
  });

export const TrackingView = z.object({ awb: z.string(), status: ShipmentStatusJson, events: z.array(TrackingEventView) }).meta({
  example: {
    awb: "40318275562",
    status: "in_transit",
    events: [
      { status: "created", description: "Shipment data received", location: "Hamburg", occurred_at: "2026-05-01T09:00:00.000Z" },
      { status: "picked_up", description: "Picked up from sender", location: "Hamburg", occurred_at: "2026-05-01T15:10:00.000Z" },
      {
        status: "in_transit",
        description: "In transit to destination hub",
        location: "Hannover hub",
        occurred_at: "2026-05-01T22:40:00.000Z",
      },
    ],
  },
});

export const PICKUP_STATUSES = ["scheduled", "completed", "cancelled"] as const;

export const PickupView = z
  .object({
    id: z.string(),
    status: z.enum(PICKUP_STATUSES),
    environment: EnvironmentJson,
    address: Address,
    ready_at: z.string(),
    close_at: z.string(),
    parcel_count: z.number().int(),
    notes: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({
    example: {
      id: "cmpickup123",
      status: "scheduled",
      environment: "live",
      address: { name: "Warehouse Team", street1: "Lagerweg 1", city: "Hamburg", postal_code: "20095", country: "DE" },
      ready_at: "2026-05-01T09:00:00.000Z",
      close_at: "2026-05-01T17:00:00.000Z",
      parcel_count: 3,
      notes: "Ring at gate 2",
      created_at: "2026-04-30T12:00:00.000Z",
      updated_at: "2026-04-30T12:00:00.000Z",
    },
  });

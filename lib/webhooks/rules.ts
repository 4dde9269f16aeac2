import { z } from "zod";

/**
 * Webhook endpoints' rules: the event names and the fields of an endpoint. Pure, shared by
 * the public API (its operation schemas), the server actions and the dashboard's form, so a
 * rule and its message exist once. The address checks that need DNS are in ./address-guard.
 */

export const WEBHOOK_EVENTS = [
  { type: "shipment.created", label: "Shipment created" },
  { type: "shipment.status_changed", label: "Shipment status changed (one per tracking event)" },
  { type: "shipment.cancelled", label: "Shipment cancelled" },
  { type: "pickup.created", label: "Pickup booked" },
  { type: "pickup.cancelled", label: "Pickup cancelled" },
  { type: "pickup.completed", label: "Pickup completed" },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["type"];
export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENTS.map((e) => e.type) as [WebhookEventType, ...WebhookEventType[]];
/** Sent by "Send test event" only, whatever the endpoint subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";

export const URL_MAX = 2000;
export const DESCRIPTION_MAX = 200;
export const URL_HINT = "The https:// address that receives a POST for each event.";

/** Shape only (scheme, host, no credentials); whether its address may be called is decided on the server. */
export const WebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(URL_MAX, `The URL is at most ${URL_MAX} characters.`)
  .refine((value) => URL.canParse(value), "Enter a full URL, such as https://example.com/webhooks.")
  .refine((value) => !URL.canParse(value) || ["https:", "http:"].includes(new URL(value).protocol), "The URL must start with https://.")
  .refine(
    (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
    "The URL must not carry a user or password.",
  )
  .refine((value) => !URL.canParse(value) || !new URL(value).hash, "The URL must not have a #fragment.");

export const WebhookEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, `Unknown event; the events are ${WEBHOOK_EVENT_TYPES.join(", ")}.`))
  .min(1, "Choose at least one event.")
  .transform((events) => [...new Set(events)]);

export const WebhookDescription = z.string().trim().max(DESCRIPTION_MAX, `The description is at most ${DESCRIPTION_MAX} characters.`);

/** How long the old secret keeps signing after a rotation. */
export const ROTATION_OVERLAPS = [
  { value: "0", label: "Stop the old secret now", ms: 0 },
  { value: "1h", label: "Both for 1 hour", ms: 3_600_000 },
  { value: "24h", label: "Both for 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Both for 7 days", ms: 7 * 86_400_000 },
] as const;
export const RotationOverlap = z.enum(
  ROTATION_OVERLAPS.map((o) => o.value) as [string, ...string[]],
  "Choose how long the old secret keeps signing.",
);
export function overlapMs(value: string): number {
  return ROTATION_OVERLAPS.find((o) => o.value === value)?.ms ?? 0;
}

// The public API's shapes (/v1/webhook-endpoints): the same rules as the dashboard's form.

export const CreateWebhookEndpointInput = z
  .strictObject({
    url: WebhookUrl.describe(URL_HINT),
    events: WebhookEvents.describe("The events to receive, at least one."),
    description: WebhookDescription.default("").describe("Free text for your own reference."),
    enabled: z.boolean("enabled must be true or false.").default(true),
  })
  .describe("A new endpoint; it receives the events of the token's environment (test or live).");

export const UpdateWebhookEndpointInput = z
  .strictObject({
    url: WebhookUrl.optional(),
    events: WebhookEvents.optional(),
    description: WebhookDescription.optional(),
    enabled: z.boolean("enabled must be true or false.").optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Send at least one field to change.")
  .describe("The fields to change; the others stay.");

export const RotateWebhookSecretInput = z
  .strictObject({
    overlap: RotationOverlap.default("24h").describe(
      'How long the old secret keeps signing beside the new one: "0" (stops now), "1h", "24h" or "7d".',
    ),
  })
  .describe("A new signing secret; during the overlap each delivery carries both signatures.");

export const WebhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  environment: z.enum(["live", "test"]),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable().describe('"failing" when it was disabled after failing every delivery for 5 days'),
  failing_since: z.string().nullable().describe("The first failed attempt since the last success"),
  secret_hint: z.string().describe("The signing secret's last characters"),
  previous_secret_until: z.string().nullable().describe("Until then deliveries are also signed with the previous secret"),
  created_at: z.string(),
  updated_at: z.string(),
});

export const WebhookEndpointCreated = WebhookEndpointView.extend({
  secret: z.string().describe("The signing secret (whsec_…): shown only in this answer. Verify deliveries with it (Standard Webhooks)."),
});

// The dashboard's forms (app/(dashboard)/api-users/[id]/webhooks/actions.ts).

const Id = (what: string) => z.string().min(1, `Choose ${what}.`).max(100);
export const EndpointRef = z.object({ apiUserId: Id("an API user"), endpointId: Id("an endpoint") });

export const CreateEndpointForm = z.object({
  apiUserId: Id("an API user"),
  url: WebhookUrl,
  description: WebhookDescription.default(""),
  // No box ticked sends no field at all.
  events: z.preprocess((value) => value ?? [], WebhookEvents),
});

export const SetEndpointEnabledForm = EndpointRef.extend({
  enabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export const RotateSecretForm = EndpointRef.extend({ overlap: RotationOverlap });

export const ResendDeliveryForm = EndpointRef.extend({ deliveryId: Id("a delivery") });

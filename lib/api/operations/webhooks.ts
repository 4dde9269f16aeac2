import { z } from "zod";
import {
  CreateWebhookEndpointInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointCreated,
  WebhookEndpointView,
} from "@/lib/webhooks/rules";
import { operation, type PathParam } from "./types";

// Webhook endpoints: where the caller's events are pushed (lib/webhooks). Each API user
// manages its own; another user's or tenant's endpoint is 404.

const id: PathParam = { name: "id", description: "The endpoint's id", example: "we_0123456789abcdef01234567" };

const delivery =
  "Each event is a POST signed per Standard Webhooks 1.0 (`webhook-id`, `webhook-timestamp`, `webhook-signature`), retried on failure with the same `webhook-id` (immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h); an endpoint failing for 5 days is disabled.";

export const listWebhookEndpoints = operation({
  method: "GET",
  path: "/v1/webhook-endpoints",
  operationId: "listWebhookEndpoints",
  tag: "Webhooks",
  summary: "List webhook endpoints",
  description: "The calling API user's endpoints of the token's environment, oldest first.",
  auth: "token",
  permission: "webhooks:manage",
  action: "webhooks.read",
  success: { status: 200, description: "The endpoints.", data: z.array(WebhookEndpointView) },
  errors: [],
});

export const createWebhookEndpoint = operation({
  method: "POST",
  path: "/v1/webhook-endpoints",
  operationId: "createWebhookEndpoint",
  tag: "Webhooks",
  summary: "Create a webhook endpoint",
  description: `Registers a URL for events. The answer carries the signing secret, once. ${delivery} The URL must be https:// and resolve to a public address.`,
  auth: "token",
  permission: "webhooks:manage",
  action: "webhooks.create",
  body: CreateWebhookEndpointInput,
  bodyExample: () => ({
    url: "https://hooks.example.com/courier",
    events: ["shipment.status_changed", "shipment.cancelled"],
    description: "Order system",
  }),
  success: { status: 201, description: "The endpoint, with its secret.", data: WebhookEndpointCreated },
  errors: [],
});

export const getWebhookEndpoint = operation({
  method: "GET",
  path: "/v1/webhook-endpoints/{id}",
  operationId: "getWebhookEndpoint",
  tag: "Webhooks",
  summary: "Get a webhook endpoint",
  description: "One of the calling API user's endpoints (never its secret).",
  auth: "token",
  permission: "webhooks:manage",
  action: "webhooks.read",
  pathParams: [id],
  success: { status: 200, description: "The endpoint.", data: WebhookEndpointView },
  errors: ["not_found"],
});

export const updateWebhookEndpoint = operation({
  method: "PATCH",
  path: "/v1/webhook-endpoints/{id}",
  operationId: "updateWebhookEndpoint",
  tag: "Webhooks",
  summary: "Update a webhook endpoint",
  description: "Changes its URL, events, description or enabled state. Enabling an endpoint disabled for failing clears the flag.",
  auth: "token",
  permission: "webhooks:manage",
  action: "webhooks.update",
  pathParams: [id],
  body: UpdateWebhookEndpointInput,
  bodyExample: () => ({ events: ["shipment.status_changed"], enabled: true }),
  success: { status: 200, description: "The endpoint.", data: WebhookEndpointView },
  errors: ["not_found"],
});

export const deleteWebhookEndpoint = operation({
  method: "DELETE",
  path: "/v1/webhook-endpoints/{id}",
  operationId: "deleteWebhookEndpoint",
  tag: "Webhooks",
  summary: "Delete a webhook endpoint",
  description: "Deletes the endpoint and its delivery log; nothing more is sent to it.",
  auth: "token",
  permission: "webhooks:manage",
  action: "webhooks.delete",
  pathParams: [id],
  success: { status: 200, description: "The deleted endpoint's id.", data: z.object({ id: z.string(), deleted: z.literal(true) }) },
  errors: ["not_found"],
});

export const rotateWebhookEndpointSecret = operation({
  method: "POST",
  path: "/v1/webhook-endpoints/{id}/rotate-secret",
  operationId: "rotateWebhookEndpointSecret",
  tag: "Webhooks",
  summary: "Rotate a webhook endpoint's signing secret",
  description:
    "Makes a new signing secret and answers it, once. The old one keeps signing beside it for the overlap (default 24 h), so the receiver can switch without losing a delivery.",
  auth: "token",
  permission: "webhooks:manage",
  action: "webhooks.rotate_secret",
  pathParams: [id],
  body: RotateWebhookSecretInput,
  bodyExample: () => ({ overlap: "24h" }),
  success: { status: 200, description: "The endpoint, with its new secret.", data: WebhookEndpointCreated },
  errors: ["not_found"],
});

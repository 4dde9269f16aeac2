import { z } from "zod";
import { LoginInput } from "@/lib/api/login";
import {
  CreatePickupInput,
  CreateShipmentInput,
  LabelQuery,
  PickupView,
  QuoteInput,
  QuoteView,
  ServiceView,
  ShipmentListQuery,
  ShipmentView,
  TrackingView,
} from "@/lib/couriers/schemas";
import type { Permission } from "@/lib/credentials/permissions";

/**
 * The OpenAPI 3.1 document of /v1, generated from the zod schemas the routes validate
 * with (lib/couriers/schemas.ts), so a field rule exists once. `OPERATIONS` is also what
 * the dashboard's Endpoint reference renders; tests/couriers-openapi.test.ts checks that it
 * lists exactly the route files that exist.
 */

type JsonSchema = Record<string, unknown>;
export type HttpMethod = "GET" | "POST" | "DELETE";

export interface ApiOperation {
  method: HttpMethod;
  /** As integrators call it: /v1/... (also served under /api/v1/...). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** "token": Bearer token + X-Tenant; "public": nothing; "password": username and password in the body. */
  auth: "token" | "public" | "password";
  permission?: Permission;
  pathParams?: { name: string; description: string; example: string }[];
  query?: z.ZodObject;
  body?: z.ZodType;
  idempotent?: boolean;
  success: { status: number; description: string; data?: z.ZodType; list?: boolean; media?: Record<string, { description: string; example?: string }> };
  errors: number[];
}

// ---- the pipeline's own routes (lib/api/route.ts, app/api/v1/{auth,me,health}) ----

// The login route's own schema: one copy of its field rules.
const TokenRequest = LoginInput.meta({ example: { username: "northwind-shop", password: "••••••••", environment: "test", name: "Shop backend" } });

const TokenView = z
  .object({
    token: z.string().describe("cc_live_… or cc_test_…: shown once, store it safely"),
    user: z.object({ id: z.string(), username: z.string(), role: z.literal("api_client") }),
  })
  .meta({ example: { token: "cc_test_<64 hex>_<crc32>", user: { id: "cmuser123", username: "northwind-shop", role: "api_client" } } });

const MeView = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    role: z.literal("api_client"),
    customer: z.object({ client_id: z.string(), name: z.string() }).nullable().describe("The customer the user is bound to; null for a tenant-wide user"),
    scope: z.object({ tenant: z.object({ client_id: z.string(), name: z.string() }), customer: z.object({ client_id: z.string(), name: z.string() }).nullable() }),
    permissions: z.array(z.string()),
    rate_limit: z.object({ limit: z.number().int(), window_seconds: z.number().int() }),
    environment: z.enum(["live", "test"]),
    token: z.object({ id: z.string(), name: z.string().nullable(), hint: z.string() }).loose().nullable(),
    recent_activity: z.array(z.object({ at: z.string(), action: z.string(), method: z.string().nullable(), path: z.string().nullable(), status: z.number().int().nullable() }).loose()),
  })
  .meta({
    example: {
      id: "cmuser123",
      username: "northwind-shop",
      email: null,
      role: "api_client",
      customer: { client_id: "CC-7K2M9QXA", name: "Northwind Outfitters" },
      scope: { tenant: { client_id: "CC-3HX8T2PD", name: "Demo Courier" }, customer: { client_id: "CC-7K2M9QXA", name: "Northwind Outfitters" } },
      permissions: ["shipments:create", "shipments:read"],
      rate_limit: { limit: 60, window_seconds: 60 },
      environment: "live",
      token: { id: "cmtoken123", name: "Shop backend", hint: "cc_live_…9f3a" },
      recent_activity: [],
    },
  });

const awbParam = { name: "awb", description: "The shipment's AWB (11 digits with a check digit)", example: "40318275562" };
const pickupParam = { name: "id", description: "The pickup's id", example: "cmpickup123" };

export const OPERATIONS: ApiOperation[] = [
  {
    method: "POST",
    path: "/v1/auth/token",
    operationId: "issueToken",
    tag: "Authentication",
    summary: "Get a token",
    description:
      "Exchanges an API user's username and password for a token of the chosen environment. Send X-Tenant with the Client ID of the tenant or of the user's customer. Every wrong combination is the same 401 `invalid_credentials`; repeated failures are delayed and then refused with 429 `too_many_attempts` and Retry-After.",
    auth: "password",
    body: TokenRequest,
    success: { status: 201, description: "The token, shown once.", data: TokenView },
    errors: [400, 401, 403, 422, 429],
  },
  {
    method: "DELETE",
    path: "/v1/auth/token",
    operationId: "revokeToken",
    tag: "Authentication",
    summary: "Revoke the calling token",
    description: "The token used for this request stops working from the next request.",
    auth: "token",
    success: { status: 200, description: "Revoked.", data: z.object({ revoked: z.literal(true), id: z.string() }).meta({ example: { revoked: true, id: "cmtoken123" } }) },
    errors: [400, 401, 403, 429],
  },
  {
    method: "GET",
    path: "/v1/me",
    operationId: "getMe",
    tag: "Authentication",
    summary: "Who am I",
    description: "The API user behind the token, what X-Tenant selected, its permissions, rate limit and environment.",
    auth: "token",
    success: { status: 200, description: "The caller.", data: MeView },
    errors: [400, 401, 403, 429],
  },
  {
    method: "GET",
    path: "/v1/health",
    operationId: "health",
    tag: "Meta",
    summary: "Liveness",
    description: "Answers without a token or a database: for load balancers and monitoring.",
    auth: "public",
    success: { status: 200, description: "Up.", data: z.object({ status: z.literal("ok") }).meta({ example: { status: "ok" } }) },
    errors: [],
  },
  {
    method: "GET",
    path: "/v1/openapi.json",
    operationId: "openApiDocument",
    tag: "Meta",
    summary: "This document",
    description: "The OpenAPI 3.1 document of this API, as plain JSON (no envelope).",
    auth: "public",
    success: { status: 200, description: "The OpenAPI document.", media: { "application/json": { description: "OpenAPI 3.1" } } },
    errors: [],
  },
  {
    method: "GET",
    path: "/v1/services",
    operationId: "listServices",
    tag: "Services & rates",
    summary: "List services",
    description: "The courier's active services. Use a service's code in quotes and shipments.",
    auth: "token",
    permission: "services:list",
    success: { status: 200, description: "The active services.", data: z.array(ServiceView) },
    errors: [400, 401, 403, 429],
  },
  {
    method: "POST",
    path: "/v1/rates/quote",
    operationId: "quoteRates",
    tag: "Services & rates",
    summary: "Quote rates",
    description:
      "Prices for every active service (or the one named) from the caller's rate table: the customer's linked table when X-Tenant names a customer that has one, else the tenant's default. Billable weight is the sum over parcels of max(actual, volumetric = L×W×H cm / 5000 kg). The price is the first weight band that holds it; above the top band, its price plus the extra price per started kg.",
    auth: "token",
    permission: "rates:quote",
    body: QuoteInput,
    idempotent: true,
    success: { status: 200, description: "The quote.", data: QuoteView },
    errors: [400, 401, 403, 409, 422, 429],
  },
  {
    method: "POST",
    path: "/v1/shipments",
    operationId: "createShipment",
    tag: "Shipments",
    summary: "Create a shipment",
    description:
      "Books a shipment: priced from the caller's rate table, status `created`, a first tracking event, and a new AWB. It belongs to the customer X-Tenant names (none for the tenant's own Client ID). Shipments made with a test token move through their statuses by themselves within about four minutes.",
    auth: "token",
    permission: "shipments:create",
    body: CreateShipmentInput,
    idempotent: true,
    success: { status: 201, description: "The new shipment.", data: ShipmentView },
    errors: [400, 401, 403, 409, 422, 429],
  },
  {
    method: "GET",
    path: "/v1/shipments",
    operationId: "listShipments",
    tag: "Shipments",
    summary: "List shipments",
    description: "The scope's shipments of the token's environment, newest first, filtered by status and creation date.",
    auth: "token",
    permission: "shipments:read",
    query: ShipmentListQuery,
    success: { status: 200, description: "One page of shipments.", data: ShipmentView, list: true },
    errors: [400, 401, 403, 422, 429],
  },
  {
    method: "GET",
    path: "/v1/shipments/{awb}",
    operationId: "getShipment",
    tag: "Shipments",
    summary: "Get a shipment",
    description: "One shipment. Another customer's or environment's AWB answers 404, as one that does not exist.",
    auth: "token",
    permission: "shipments:read",
    pathParams: [awbParam],
    success: { status: 200, description: "The shipment.", data: ShipmentView },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "DELETE",
    path: "/v1/shipments/{awb}",
    operationId: "cancelShipment",
    tag: "Shipments",
    summary: "Cancel a shipment",
    description: "Cancels a shipment that has not been picked up yet; afterwards 409 `shipment_not_cancellable`.",
    auth: "token",
    permission: "shipments:cancel",
    pathParams: [awbParam],
    success: { status: 200, description: "The cancelled shipment.", data: ShipmentView },
    errors: [400, 401, 403, 404, 409, 429],
  },
  {
    method: "GET",
    path: "/v1/shipments/{awb}/track",
    operationId: "trackShipment",
    tag: "Shipments",
    summary: "Track a shipment",
    description: "The shipment's tracking events, oldest first.",
    auth: "token",
    permission: "tracking:read",
    pathParams: [awbParam],
    success: { status: 200, description: "Status and events.", data: TrackingView },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "GET",
    path: "/v1/shipments/{awb}/label",
    operationId: "getLabel",
    tag: "Shipments",
    summary: "Print the label",
    description: "A one-page 4×6 in (288×432 pt) PDF label with sender, recipient, service, weight, reference and the AWB as a Code 128 barcode; `?format=zpl` returns ZPL II for 203 dpi thermal printers. A cancelled shipment has no label (409 `shipment_cancelled`).",
    auth: "token",
    permission: "labels:read",
    pathParams: [awbParam],
    query: LabelQuery,
    success: {
      status: 200,
      description: "The label.",
      media: { "application/pdf": { description: "PDF, 288×432 pt" }, "text/plain": { description: "ZPL II (with ?format=zpl)", example: "^XA\n^CI28\n^PW812\n…\n^FO60,860^BY3^BCN,250,Y,N,N^FD40318275562^FS\n^XZ" } },
    },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
  {
    method: "POST",
    path: "/v1/pickups",
    operationId: "createPickup",
    tag: "Pickups",
    summary: "Book a pickup",
    description: "Asks the courier to collect parcels at an address within a time window (at most 24 hours, starting within 30 days). Pickups booked with a test token are completed by themselves after two minutes.",
    auth: "token",
    permission: "pickups:create",
    body: CreatePickupInput,
    idempotent: true,
    success: { status: 201, description: "The booked pickup.", data: PickupView },
    errors: [400, 401, 403, 422, 429],
  },
  {
    method: "GET",
    path: "/v1/pickups/{id}",
    operationId: "getPickup",
    tag: "Pickups",
    summary: "Get a pickup",
    description: "One pickup of the scope and environment; any other id is 404.",
    auth: "token",
    permission: "pickups:read",
    pathParams: [pickupParam],
    success: { status: 200, description: "The pickup.", data: PickupView },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "DELETE",
    path: "/v1/pickups/{id}",
    operationId: "cancelPickup",
    tag: "Pickups",
    summary: "Cancel a pickup",
    description: "Cancels a scheduled pickup; a completed (or already cancelled) one is 409 `pickup_not_cancellable`.",
    auth: "token",
    permission: "pickups:cancel",
    pathParams: [pickupParam],
    success: { status: 200, description: "The cancelled pickup.", data: PickupView },
    errors: [400, 401, 403, 404, 409, 429],
  },
];

// ---- zod → JSON Schema ---------------------------------------------------------------

export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** The `example` a schema carries in its .meta(), or for an array the example of its items. */
export function exampleOf(schema: z.ZodType): unknown {
  const own = z.globalRegistry.get(schema)?.example;
  if (own !== undefined) return own;
  if (schema instanceof z.ZodArray) {
    const item = exampleOf(schema.element as z.ZodType);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

const ERRORS: Record<number, { description: string; code: string; message: string }> = {
  400: { description: "Malformed request: body not JSON, or X-Tenant missing", code: "invalid_json", message: "The request body is not valid JSON." },
  401: { description: "Token missing, invalid, revoked or expired", code: "invalid_token", message: "The token is not valid: unknown, revoked or expired." },
  403: { description: "Inactive user, missing permission, or an X-Tenant the token may not use", code: "permission_denied", message: "This API user lacks the permission shipments:create." },
  404: { description: "Not found, also for another customer's or environment's object", code: "not_found", message: "No shipment with this AWB." },
  409: { description: "Conflict with the object's state", code: "shipment_not_cancellable", message: "This shipment is picked_up; only a shipment not yet picked up can be cancelled." },
  422: {
    description: "Validation failed (details.fields lists each path), or an Idempotency-Key reused with another body (idempotency_key_reused)",
    code: "validation_failed",
    message: "The request has fields that are not valid.",
  },
  429: { description: "Rate limit reached; see Retry-After", code: "rate_limited", message: "Rate limit of 60 requests per minute reached. Retry after 12 s." },
};

const ErrorEnvelope = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string().describe("snake_case error code"), message: z.string(), details: z.unknown().optional() }),
});

const PageMeta = z.object({ page: z.number().int(), per_page: z.number().int(), total: z.number().int(), total_pages: z.number().int() });

export function successExample(op: ApiOperation): unknown {
  if (!op.success.data) return undefined;
  const data = exampleOf(op.success.data);
  if (op.success.list) return { ok: true, data: data === undefined ? [] : [data], meta: { page: 1, per_page: 20, total: 1, total_pages: 1 } };
  return { ok: true, data };
}

export function errorExample(status: number): unknown {
  const e = ERRORS[status];
  if (!e) return undefined;
  if (status === 422) return { ok: false, error: { code: e.code, message: e.message, details: { fields: { "recipient.postal_code": ["Required."], "parcels.0.weight_grams": ["At least 1 g."] } } } };
  return { ok: false, error: { code: e.code, message: e.message } };
}

/** Query parameters of an operation as OpenAPI parameter objects. */
export function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => {
    const schema = jsonSchema(field as z.ZodType, "input");
    const { description, ...rest } = schema;
    return { name, in: "query" as const, required: !(field as z.ZodType).safeParse(undefined).success, description: description as string | undefined, schema: rest };
  });
}

function operationObject(op: ApiOperation) {
  const parameters: unknown[] = [];
  if (op.auth !== "public") parameters.push({ $ref: "#/components/parameters/XTenant" });
  if (op.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
  for (const p of op.pathParams ?? []) parameters.push({ name: p.name, in: "path", required: true, description: p.description, schema: { type: "string" }, example: p.example });
  if (op.query) parameters.push(...queryParameters(op.query));

  const responses: Record<string, unknown> = {};
  if (op.success.media) {
    responses[op.success.status] = {
      description: op.success.description,
      content: Object.fromEntries(
        Object.entries(op.success.media).map(([type, m]) => [type, { schema: { type: "string", ...(type === "application/pdf" && { format: "binary" }), description: m.description }, ...(m.example && { example: m.example }) }]),
      ),
    };
  } else if (op.success.data) {
    const data = jsonSchema(op.success.data);
    const schema = op.success.list
      ? { type: "object", required: ["ok", "data", "meta"], properties: { ok: { const: true }, data: { type: "array", items: data }, meta: { $ref: "#/components/schemas/PageMeta" } } }
      : { type: "object", required: ["ok", "data"], properties: { ok: { const: true }, data } };
    responses[op.success.status] = { description: op.success.description, content: { "application/json": { schema, example: successExample(op) } } };
  }
  for (const status of op.errors) responses[status] = { $ref: `#/components/responses/Error${status}` };

  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description + (op.permission ? `\n\nPermission: \`${op.permission}\`.` : ""),
    ...(op.permission && { "x-permission": op.permission }),
    security: op.auth === "token" ? [{ bearerAuth: [] }, { apiKey: [] }] : [],
    ...(parameters.length > 0 && { parameters }),
    ...(op.body && {
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input"), example: exampleOf(op.body) } } },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Courier Console API",
      version: "1.0.0",
      description: [
        "Book shipments, quote rates, print labels, track and book pickups.",
        "",
        "Authenticate with `Authorization: Bearer <token>` (or `x-api-key`) and name the tenant or customer in `X-Tenant: <Client ID>`. Tokens starting `cc_test_` work in test mode: their objects are invisible to live tokens and back.",
        "",
        "Every answer is `{\"ok\": true, \"data\": …}` (lists add `meta`) or `{\"ok\": false, \"error\": {code, message, details?}}`. Money is `{\"amount\": \"12.50\", \"amount_cents\": 1250, \"currency\": \"EUR\"}`: a decimal string and integer cents, never a float. Weights are integer grams, dimensions centimetres, statuses lower-case.",
        "",
        "POST endpoints take an `Idempotency-Key`: the same key with the same body returns the first response again (header `Idempotent-Replayed: true`); with another body it is 422 `idempotency_key_reused`.",
      ].join("\n"),
    },
    servers: [{ url: "/", description: "This server; every path is also served under /api" }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A token from the dashboard or POST /v1/auth/token" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      parameters: {
        XTenant: { name: "X-Tenant", in: "header", required: true, description: "The Client ID of the tenant, or of one of its customers", schema: { type: "string" }, example: "CC-7K2M9QXA" },
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "1–255 visible ASCII characters (a UUID is good): a retry with the same key and body returns the first response",
          schema: { type: "string", maxLength: 255 },
        },
      },
      schemas: { Error: jsonSchema(ErrorEnvelope), PageMeta: jsonSchema(PageMeta) },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, e]) => [
          `Error${status}`,
          {
            description: e.description,
            ...(Number(status) === 429 && { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } }),
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: errorExample(Number(status)) } },
          },
        ]),
      ),
    },
  };
}

// ---- the dashboard's Endpoint reference --------------------------------------------

export interface ReferenceParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  type: string;
}

function typeName(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(typeName).join(" | ");
  if (typeof schema.format === "string") return `${String(schema.type)} (${schema.format})`;
  return String(schema.type ?? "any");
}

/** Everything the reference page shows for one operation, with the caller's Client ID and host in the curl line. */
export function referenceFor(op: ApiOperation, clientId: string, origin: string) {
  const parameters: ReferenceParameter[] = [];
  if (op.auth === "token") parameters.push({ name: "Authorization", in: "header", required: true, description: "Bearer <token> (or x-api-key: <token>)", type: "string" });
  if (op.auth !== "public") parameters.push({ name: "X-Tenant", in: "header", required: true, description: "Your Client ID, or one of your customers'", type: "string" });
  if (op.idempotent) parameters.push({ name: "Idempotency-Key", in: "header", required: false, description: "Retry safely: the same key and body return the first response", type: "string" });
  for (const p of op.pathParams ?? []) parameters.push({ name: p.name, in: "path", required: true, description: p.description, type: "string" });
  for (const q of op.query ? queryParameters(op.query) : []) parameters.push({ name: q.name, in: "query", required: q.required, description: q.description, type: typeName(q.schema) });

  const example = op.body ? exampleOf(op.body) : undefined;
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => op.pathParams?.find((p) => p.name === name)?.example ?? name);
  const lines = [`curl -X ${op.method} "${origin}${path}${op.path.endsWith("/label") ? "?format=pdf" : ""}"`];
  if (op.auth === "token") lines.push(`  -H "Authorization: Bearer $COURIER_TOKEN"`);
  if (op.auth !== "public") lines.push(`  -H "X-Tenant: ${clientId}"`);
  if (op.idempotent) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (op.body) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(example ?? {}).replace(/'/g, "'\\''")}'`);
  if (op.path.endsWith("/label")) lines.push(`  -o label.pdf`);

  const response = op.success.media ? Object.values(op.success.media)[0]?.example : successExample(op);
  return {
    id: op.operationId,
    method: op.method,
    path: op.path,
    summary: op.summary,
    description: op.description,
    tag: op.tag,
    access: op.permission ?? (op.auth === "public" ? "public" : op.auth === "password" ? "username + password" : "any valid token"),
    parameters,
    requestExample: example === undefined ? undefined : JSON.stringify(example, null, 2),
    responseStatus: op.success.status,
    responseExample: response === undefined ? undefined : typeof response === "string" ? response : JSON.stringify(response, null, 2),
    errors: op.errors.map((status) => ({ status, description: ERRORS[status]?.description ?? "" })),
    curl: lines.join(" \\\n"),
  };
}

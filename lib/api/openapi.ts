import { z } from "zod";
import { errorCodes, errorsByStatus, OPERATIONS, type ApiOperation } from "@/lib/api/operations";
import { ERRORS, type ErrorCode } from "@/lib/server/errors";
import { EXPIRING_SOON_DAYS } from "@/lib/api-users/rules";

/**
 * The OpenAPI 3.1 document of /v1 and the dashboard's Endpoint reference, both generated
 * from the operation catalogue (lib/api/operations) and the zod schemas the routes
 * validate with (lib/couriers/schemas.ts), so a field rule exists once. Error responses
 * come from the one error catalogue (lib/server/errors.ts): each operation lists the
 * codes it can answer, grouped by status.
 */

type JsonSchema = Record<string, unknown>;

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

const ErrorEnvelope = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.string().describe("snake_case error code; each response lists the codes it can carry"),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const PageMeta = z.object({
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int().describe("Items that match; a list whose count is capped says so in total_exact"),
  total_pages: z.number().int(),
  total_exact: z.boolean().optional().describe("false: total stopped at the list's cap and more items match"),
  next_cursor: z
    .string()
    .nullable()
    .optional()
    .describe("Lists that page by cursor: pass it as `cursor` for the next page; null on the last"),
});

/** The request body example of an operation at `now` (see ApiOperation.bodyExample). */
export function requestExample(op: ApiOperation, now: Date): unknown {
  if (op.bodyExample) return op.bodyExample(now);
  return op.body ? exampleOf(op.body) : undefined;
}

export function successExample(op: ApiOperation): unknown {
  if (!op.success.data) return undefined;
  const data = exampleOf(op.success.data);
  if (op.success.list)
    return { ok: true, data: data === undefined ? [] : [data], meta: { page: 1, per_page: 20, total: 1, total_pages: 1 } };
  return { ok: true, data };
}

/** What a code means for this operation: the catalogue's message, with the permission named. */
function errorMessage(op: ApiOperation, code: ErrorCode): string {
  if (code === "permission_denied" && op.permission) return `This API user lacks the permission ${op.permission}.`;
  return ERRORS[code].message;
}

/** The envelope an operation answers with a code, as the route writes it. */
export function errorExample(op: ApiOperation, code: ErrorCode): unknown {
  const details =
    code === "validation_failed"
      ? { fields: { "recipient.postal_code": ["Required."], "parcels.0.weight_grams": ["At least 1 g."] } }
      : code === "permission_denied" && op.permission
        ? { permission: op.permission }
        : undefined;
  return { ok: false, error: { code, message: errorMessage(op, code), ...(details && { details }) } };
}

/** One error response of an operation: every code it can carry with this status, each with an example. */
function errorResponse(op: ApiOperation, status: number, codes: ErrorCode[]) {
  return {
    description: codes.map((code) => `\`${code}\`: ${errorMessage(op, code)}`).join("\n\n"),
    ...(status === 429 && { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } }),
    content: {
      "application/json": {
        schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { properties: { error: { properties: { code: { enum: codes } } } } }] },
        examples: Object.fromEntries(codes.map((code) => [code, { summary: code, value: errorExample(op, code) }])),
      },
    },
  };
}

/** Query parameters of an operation as OpenAPI parameter objects. */
export function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => {
    const schema = jsonSchema(field as z.ZodType, "input");
    const { description, ...rest } = schema;
    return {
      name,
      in: "query" as const,
      required: !(field as z.ZodType).safeParse(undefined).success,
      description: description as string | undefined,
      schema: rest,
    };
  });
}

/** A token operation's answers warn when the token is about to expire (lib/api/steps/expiry.ts). */
function tokenHeaders(op: ApiOperation) {
  return op.auth === "token" ? { headers: { Warning: { $ref: "#/components/headers/TokenExpiryWarning" } } } : {};
}

function operationObject(op: ApiOperation, now: Date) {
  const parameters: unknown[] = [];
  if (op.auth !== "public") parameters.push({ $ref: "#/components/parameters/XTenant" });
  if (op.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
  for (const p of op.pathParams ?? [])
    parameters.push({
      name: p.name,
      in: "path",
      required: true,
      description: p.description,
      schema: { type: "string" },
      example: p.example,
    });
  if (op.query) parameters.push(...queryParameters(op.query));

  const responses: Record<string, unknown> = {};
  if (op.success.media) {
    responses[op.success.status] = {
      description: op.success.description,
      ...tokenHeaders(op),
      content: Object.fromEntries(
        Object.entries(op.success.media).map(([type, m]) => [
          type,
          {
            schema: { type: "string", ...(type === "application/pdf" && { format: "binary" }), description: m.description },
            ...(m.example && { example: m.example }),
          },
        ]),
      ),
    };
  } else if (op.success.data) {
    const data = jsonSchema(op.success.data);
    const schema = op.success.list
      ? {
          type: "object",
          required: ["ok", "data", "meta"],
          properties: { ok: { const: true }, data: { type: "array", items: data }, meta: { $ref: "#/components/schemas/PageMeta" } },
        }
      : { type: "object", required: ["ok", "data"], properties: { ok: { const: true }, data } };
    responses[op.success.status] = {
      description: op.success.description,
      ...tokenHeaders(op),
      content: { "application/json": { schema, example: successExample(op) } },
    };
  }
  for (const [status, codes] of errorsByStatus(op)) responses[status] = errorResponse(op, status, codes);

  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description + (op.permission ? `\n\nPermission: \`${op.permission}\`.` : ""),
    ...(op.permission && { "x-permission": op.permission }),
    security: op.auth === "token" ? [{ bearerAuth: [] }, { apiKey: [] }] : [],
    ...(parameters.length > 0 && { parameters }),
    ...(op.body && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: jsonSchema(op.body, "input"), example: requestExample(op, now) } },
      },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function openApiDocument(now = new Date()) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op, now);
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
        'Every answer is `{"ok": true, "data": …}` (lists add `meta`) or `{"ok": false, "error": {code, message, details?}}`. Money is `{"amount": "12.50", "amount_cents": 1250, "currency": "EUR"}`: a decimal string and integer cents, never a float. Weights are integer grams, dimensions centimetres, statuses lower-case.',
        "",
        `A token may expire (chosen when it is made). An expired token is refused with 401 \`token_expired\`; every answer made with a token that expires within ${EXPIRING_SOON_DAYS} days carries \`Warning: 299 - "This API token expires at <ISO time>; …" "<HTTP-date>"\`.`,
        "",
        "POST endpoints take an `Idempotency-Key`: the same key with the same body returns the first response again (header `Idempotent-Replayed: true`); with another body it is 422 `idempotency_key_reused`.",
      ].join("\n"),
    },
    servers: [{ url: "/", description: "This server; every path is also served under /api" }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      headers: {
        TokenExpiryWarning: {
          description: `Sent when the calling token expires within ${EXPIRING_SOON_DAYS} days: warn-code 299 with the expiry as ISO 8601 in the text and as an HTTP-date.`,
          schema: { type: "string" },
          example: '299 - "This API token expires at 2026-12-01T10:00:00.000Z; make a new one before then" "Tue, 01 Dec 2026 10:00:00 GMT"',
        },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A token from the dashboard or POST /v1/auth/token" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      parameters: {
        XTenant: {
          name: "X-Tenant",
          in: "header",
          required: true,
          description: "The Client ID of the tenant, or of one of its customers",
          schema: { type: "string" },
          example: "CC-7K2M9QXA",
        },
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "1–255 visible ASCII characters (a UUID is good): a retry with the same key and body returns the first response",
          schema: { type: "string", maxLength: 255 },
        },
      },
      schemas: { Error: jsonSchema(ErrorEnvelope), PageMeta: jsonSchema(PageMeta) },
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

/**
 * An example call of one operation, as data: the Endpoint reference prints it as curl, and
 * e2e/endpoint-reference.spec.ts sends exactly it. `$COURIER_TOKEN` and `$(uuidgen)` stand
 * for what the caller fills in.
 */
export interface ExampleRequest {
  method: string;
  url: string;
  headers: [name: string, value: string][];
  body?: unknown;
  /** Where curl writes a binary answer (the label). */
  output?: string;
}

export const TOKEN_PLACEHOLDER = "$COURIER_TOKEN";
export const IDEMPOTENCY_KEY_PLACEHOLDER = "$(uuidgen)";

export function exampleRequest(op: ApiOperation, clientId: string, origin: string, now: Date): ExampleRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => op.pathParams?.find((p) => p.name === name)?.example ?? name);
  const label = op.path.endsWith("/label");
  const headers: [string, string][] = [];
  if (op.auth === "token") headers.push(["Authorization", `Bearer ${TOKEN_PLACEHOLDER}`]);
  if (op.auth !== "public") headers.push(["X-Tenant", clientId]);
  if (op.idempotent) headers.push(["Idempotency-Key", IDEMPOTENCY_KEY_PLACEHOLDER]);
  if (op.body) headers.push(["Content-Type", "application/json"]);
  return {
    method: op.method,
    url: `${origin}${path}${label ? "?format=pdf" : ""}`,
    headers,
    ...(op.body && { body: requestExample(op, now) ?? {} }),
    ...(label && { output: "label.pdf" }),
  };
}

/** Longer bodies go on several lines (inside the single quotes, so the shell keeps them). */
const ONE_LINE_BODY = 60;

/** The request as a curl command for a POSIX shell. */
export function curlCommand(request: ExampleRequest): string {
  const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;
  const lines = [`curl -X ${request.method} "${request.url}"`];
  for (const [name, value] of request.headers) lines.push(`  -H "${name}: ${value}"`);
  if (request.body !== undefined) {
    const flat = JSON.stringify(request.body);
    const body = flat.length <= ONE_LINE_BODY ? flat : JSON.stringify(request.body, null, 2).replace(/\n/g, "\n  ");
    lines.push(`  -d ${quote(body)}`);
  }
  if (request.output) lines.push(`  -o ${request.output}`);
  return lines.join(" \\\n");
}

/** Everything the reference page shows for one operation, with the caller's Client ID and host in the curl line. */
export function referenceFor(op: ApiOperation, clientId: string, origin: string, now = new Date()) {
  const parameters: ReferenceParameter[] = [];
  if (op.auth === "token")
    parameters.push({
      name: "Authorization",
      in: "header",
      required: true,
      description: "Bearer <token> (or x-api-key: <token>)",
      type: "string",
    });
  if (op.auth !== "public")
    parameters.push({
      name: "X-Tenant",
      in: "header",
      required: true,
      description: "Your Client ID, or one of your customers'",
      type: "string",
    });
  if (op.idempotent)
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Retry safely: the same key and body return the first response",
      type: "string",
    });
  for (const p of op.pathParams ?? [])
    parameters.push({ name: p.name, in: "path", required: true, description: p.description, type: "string" });
  for (const q of op.query ? queryParameters(op.query) : [])
    parameters.push({ name: q.name, in: "query", required: q.required, description: q.description, type: typeName(q.schema) });

  const request = exampleRequest(op, clientId, origin, now);
  const example = request.body;

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
    errors: errorCodes(op).map((code) => ({ status: ERRORS[code].status, code, description: errorMessage(op, code) })),
    curl: curlCommand(request),
  };
}

import { z } from "zod";
import { LoginInput } from "@/lib/api/login-input";
import { operation } from "./types";

// The pipeline's own operations: a token for a password, revoking it, and who it is
// (lib/api/login.ts, lib/api/revoke.ts, lib/api/me.ts).

const TokenRequest = LoginInput.meta({
  example: { username: "northwind-shop", password: "••••••••", environment: "test", name: "Shop backend", expiry: "90d" },
});

const TokenView = z
  .object({
    token: z.string().describe("cc_live_… or cc_test_…: shown once, store it safely"),
    expires_at: z.string().nullable().describe("When the token stops working (ISO 8601), or null: never"),
    user: z.object({ id: z.string(), username: z.string(), role: z.literal("api_client") }),
  })
  .meta({
    example: {
      token: "cc_test_<64 hex>_<crc32>",
      expires_at: "2027-02-23T10:00:00.000Z",
      user: { id: "cmuser123", username: "northwind-shop", role: "api_client" },
    },
  });

const MeView = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    role: z.literal("api_client"),
    customer: z
      .object({ client_id: z.string(), name: z.string() })
      .nullable()
      .describe("The customer the user is bound to; null for a tenant-wide user"),
    scope: z.object({
      tenant: z.object({ client_id: z.string(), name: z.string() }),
      customer: z.object({ client_id: z.string(), name: z.string() }).nullable(),
    }),
    permissions: z.array(z.string()),
    rate_limit: z.object({ limit: z.number().int(), window_seconds: z.number().int() }),
    environment: z.enum(["live", "test"]),
    token: z
      .object({ id: z.string(), name: z.string().nullable(), hint: z.string(), expires_at: z.string().nullable() })
      .loose()
      .nullable(),
    expires_at: z.string().nullable().describe("When the calling token stops working (ISO 8601), or null: never"),
    recent_activity: z.array(
      z
        .object({
          at: z.string(),
          action: z.string(),
          method: z.string().nullable(),
          path: z.string().nullable(),
          status: z.number().int().nullable(),
        })
        .loose(),
    ),
  })
  .meta({
    example: {
      id: "cmuser123",
      username: "northwind-shop",
      email: null,
      role: "api_client",
      customer: { client_id: "CC-7K2M9QXA", name: "Northwind Outfitters" },
      scope: {
        tenant: { client_id: "CC-3HX8T2PD", name: "Demo Courier" },
        customer: { client_id: "CC-7K2M9QXA", name: "Northwind Outfitters" },
      },
      permissions: ["shipments:create", "shipments:read"],
      rate_limit: { limit: 60, window_seconds: 60 },
      environment: "live",
      token: { id: "cmtoken123", name: "Shop backend", hint: "cc_live_…9f3a", expires_at: null },
      expires_at: null,
      recent_activity: [],
    },
  });

export const issueToken = operation({
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
  errors: ["missing_tenant", "invalid_credentials", "api_user_inactive", "too_many_attempts"],
});

export const revokeToken = operation({
  method: "DELETE",
  path: "/v1/auth/token",
  operationId: "revokeToken",
  tag: "Authentication",
  summary: "Revoke the calling token",
  description: "The token used for this request stops working from the next request.",
  auth: "token",
  action: "auth.token_revoked",
  success: {
    status: 200,
    description: "Revoked.",
    data: z.object({ revoked: z.literal(true), id: z.string() }).meta({ example: { revoked: true, id: "cmtoken123" } }),
  },
  errors: [],
});

export const getMe = operation({
  method: "GET",
  path: "/v1/me",
  operationId: "getMe",
  tag: "Authentication",
  summary: "Who am I",
  description:
    "The API user behind the token, what X-Tenant selected, its permissions, rate limit and environment, and when the token expires (`expires_at`, null: never).",
  auth: "token",
  action: "me.read",
  success: { status: 200, description: "The caller.", data: MeView },
  errors: [],
});

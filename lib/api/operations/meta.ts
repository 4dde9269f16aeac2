import { z } from "zod";
import { operation } from "./types";

// Routes about the API itself: no token.

export const health = operation({
  method: "GET",
  path: "/v1/health",
  operationId: "health",
  tag: "Meta",
  summary: "Readiness",
  description:
    "Whether this instance can serve: alive (it answers at all) and ready (its database answers and every migration of " +
    "this build is applied). 503 `service_unavailable` with `Retry-After` while not ready, its details saying which " +
    "check failed: take the instance out of the load balancer, but do not restart it (that is what `/v1/health/live` is for).",
  auth: "public",
  success: {
    status: 200,
    description: "Alive and ready.",
    data: z
      .object({
        status: z.literal("ok"),
        live: z.literal(true),
        ready: z.literal(true),
        database: z.literal("reachable"),
        migrations: z.literal("applied"),
      })
      .meta({ example: { status: "ok", live: true, ready: true, database: "reachable", migrations: "applied" } }),
  },
  errors: ["service_unavailable"],
});

export const liveness = operation({
  method: "GET",
  path: "/v1/health/live",
  operationId: "liveness",
  tag: "Meta",
  summary: "Liveness",
  description:
    "Answers without a token or a database, as long as the process serves requests: a liveness probe that does not " +
    "restart instances while the database is away (readiness is `/v1/health`).",
  auth: "public",
  success: {
    status: 200,
    description: "Alive.",
    data: z.object({ status: z.literal("ok"), live: z.literal(true) }).meta({ example: { status: "ok", live: true } }),
  },
  errors: [],
});

export const openApiDocument = operation({
  method: "GET",
  path: "/v1/openapi.json",
  operationId: "openApiDocument",
  tag: "Meta",
  summary: "This document",
  description: "The OpenAPI 3.1 document of this API, as plain JSON (no envelope).",
  auth: "public",
  success: { status: 200, description: "The OpenAPI document.", media: { "application/json": { description: "OpenAPI 3.1" } } },
  errors: [],
});

import { z } from "zod";
import { operation } from "./types";

// Routes about the API itself: no token, no database.

export const health = operation({
  method: "GET",
  path: "/v1/health",
  operationId: "health",
  tag: "Meta",
  summary: "Liveness",
  description: "Answers without a token or a database: for load balancers and monitoring.",
  auth: "public",
  success: { status: 200, description: "Up.", data: z.object({ status: z.literal("ok") }).meta({ example: { status: "ok" } }) },
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

import { PERMISSION_KEYS, type Permission, type PermissionHints } from "@/lib/credentials/permissions";
import { getMe, issueToken, revokeToken } from "./auth";
import { health, liveness, openApiDocument } from "./meta";
import { cancelPickup, createPickup, getPickup } from "./pickups";
import { listServices, quoteRates } from "./services";
import { reportLeakedTokens } from "./secret-scanning";
import { cancelShipment, createShipment, getLabel, getShipment, listShipments, trackShipment } from "./shipments";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from "./webhooks";
import { HTTP_METHODS, type ApiOperation, type HttpMethod } from "./types";

/**
 * The catalogue of every public operation under /v1, one file per resource. A route file
 * binds its handler to one of these (`apiRoute(operations.getShipment, ...)`), and
 * tests/api-operations.test.ts fails when a served route and this list disagree. The
 * order is the order of the OpenAPI document and the Endpoint reference.
 */
export const operations = {
  issueToken,
  revokeToken,
  getMe,
  health,
  liveness,
  openApiDocument,
  listServices,
  quoteRates,
  createShipment,
  listShipments,
  getShipment,
  cancelShipment,
  trackShipment,
  getLabel,
  createPickup,
  getPickup,
  cancelPickup,
  listWebhookEndpoints,
  createWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookEndpointSecret,
  reportLeakedTokens,
} as const;

export const OPERATIONS: readonly ApiOperation[] = Object.values(operations);

/** A path some operation serves, spelled as in the catalogue ("/v1/shipments/{awb}"). */
export type OperationPath = (typeof operations)[keyof typeof operations]["path"];

/** The methods the catalogue serves at a path, for its 405 Allow and OPTIONS answers. */
export function methodsAt(path: string): HttpMethod[] {
  const served = new Set(OPERATIONS.filter((op) => op.path === path).map((op) => op.method));
  return HTTP_METHODS.filter((method) => served.has(method));
}

/** "METHOD /v1/path" of each operation a permission opens: the dashboard's hint under each checkbox. */
export function permissionHints(): PermissionHints {
  const hint = (permission: Permission) => OPERATIONS.filter((op) => op.permission === permission).map((op) => `${op.method} ${op.path}`);
  return Object.fromEntries(PERMISSION_KEYS.map((permission) => [permission, hint(permission)]));
}

export { errorCodes, errorsByStatus } from "./errors";
export type { ApiOperation, HttpMethod, PathParams, PublicOperation, TokenOperation } from "./types";
export { HTTP_METHODS };

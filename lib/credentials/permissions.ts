import { z } from "zod";

/** Every permission an API user can hold, with the endpoints it opens (DESIGN.md). */
export const PERMISSIONS = [
  { key: "shipments:create", label: "Create shipments", endpoints: ["POST /v1/shipments"] },
  { key: "shipments:read", label: "Read shipments", endpoints: ["GET /v1/shipments", "GET /v1/shipments/{awb}"] },
  { key: "shipments:cancel", label: "Cancel shipments", endpoints: ["DELETE /v1/shipments/{awb}"] },
  { key: "tracking:read", label: "Track shipments", endpoints: ["GET /v1/shipments/{awb}/track"] },
  { key: "rates:quote", label: "Quote rates", endpoints: ["POST /v1/rates/quote"] },
  { key: "labels:read", label: "Print labels", endpoints: ["GET /v1/shipments/{awb}/label"] },
  { key: "services:list", label: "List services", endpoints: ["GET /v1/services"] },
  { key: "pickups:create", label: "Book pickups", endpoints: ["POST /v1/pickups"] },
  { key: "pickups:read", label: "Read pickups", endpoints: ["GET /v1/pickups/{id}"] },
  { key: "pickups:cancel", label: "Cancel pickups", endpoints: ["DELETE /v1/pickups/{id}"] },
] as const;

export type Permission = (typeof PERMISSIONS)[number]["key"];

export const PERMISSION_KEYS = PERMISSIONS.map((p) => p.key) as [Permission, ...Permission[]];

export const PermissionSchema = z.enum(PERMISSION_KEYS);

export function isPermission(value: string): value is Permission {
  return (PERMISSION_KEYS as readonly string[]).includes(value);
}

import { z } from "zod";

/**
 * Every permission an API user can hold (DESIGN.md). Which endpoints each one opens is
 * the operation catalogue's business (lib/api/operations): the dashboard gets those hints
 * from the server as `PermissionHints`, so this module stays small enough for the client.
 */
export const PERMISSIONS = [
  { key: "shipments:create", label: "Create shipments" },
  { key: "shipments:read", label: "Read shipments" },
  { key: "shipments:cancel", label: "Cancel shipments" },
  { key: "tracking:read", label: "Track shipments" },
  { key: "rates:quote", label: "Quote rates" },
  { key: "labels:read", label: "Print labels" },
  { key: "services:list", label: "List services" },
  { key: "pickups:create", label: "Book pickups" },
  { key: "pickups:read", label: "Read pickups" },
  { key: "pickups:cancel", label: "Cancel pickups" },
  { key: "webhooks:manage", label: "Manage webhook endpoints" },
] as const;

export type Permission = (typeof PERMISSIONS)[number]["key"];

export const PERMISSION_KEYS = PERMISSIONS.map((p) => p.key) as [Permission, ...Permission[]];

export const PermissionSchema = z.enum(PERMISSION_KEYS);

export function isPermission(value: string): value is Permission {
  return (PERMISSION_KEYS as readonly string[]).includes(value);
}

/** "METHOD /v1/path" of the operations each permission opens (lib/api/operations: permissionHints()). */
export type PermissionHints = Partial<Record<Permission, readonly string[]>>;

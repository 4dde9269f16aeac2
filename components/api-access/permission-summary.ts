import { PERMISSIONS, type Permission } from "@/lib/credentials/permissions";

/** "All 10" or "3 of 10: shipments, labels": what a user may touch, in one short line. */
export function permissionSummary(permissions: readonly Permission[]): string {
  if (permissions.length === 0) return "None";
  if (permissions.length === PERMISSIONS.length) return `All ${PERMISSIONS.length}`;
  const resources = [...new Set(permissions.map((p) => p.split(":")[0]))];
  return `${permissions.length} of ${PERMISSIONS.length}: ${resources.join(", ")}`;
}

import { PERMISSIONS, type Permission } from "@/lib/credentials/permissions";
import { permissionLabel } from "./activity-details";

/** "All 10", "Read shipments, Track shipments" or "Read shipments, Track shipments +3 more": what a user may do, in one short line. */
export function permissionSummary(permissions: readonly Permission[]): string {
  if (permissions.length === 0) return "None";
  if (permissions.length === PERMISSIONS.length) return `All ${PERMISSIONS.length}`;
  const names = permissions.slice(0, 2).map(permissionLabel).join(", ");
  return permissions.length > 2 ? `${names} +${permissions.length - 2} more` : names;
}

import type { MemberContext } from "@/lib/auth/member";
import { can } from "@/lib/auth/roles";
import type { ApiAccessActions } from "@/components/api-access/types";
import * as actions from "./actions";

/**
 * The server actions for the API Access UI, or null for a member who may only read.
 * Used by Settings → API, a customer's page and an API user's page.
 */
export function apiAccessActionsFor(member: MemberContext): ApiAccessActions | null {
  if (!can(member.role, "credentials")) return null;
  return {
    createApiUser: actions.createApiUser,
    issueToken: actions.issueToken,
    rotateToken: actions.rotateToken,
    revokeToken: actions.revokeToken,
    disableToken: actions.disableToken,
    enableToken: actions.enableToken,
    renameToken: actions.renameToken,
    revokeAllTokens: actions.revokeAllTokens,
    updatePermissions: actions.updatePermissions,
    updateRateLimit: actions.updateRateLimit,
    updateIpAllowlist: actions.updateIpAllowlist,
    deactivateApiUser: actions.deactivateApiUser,
    activateApiUser: actions.activateApiUser,
    deleteApiUser: actions.deleteApiUser,
  };
}

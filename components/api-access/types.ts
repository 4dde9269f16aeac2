import type { IssuedToken } from "@/lib/api-users/rules";
import type { FormAction } from "@/components/run-action";

/** The server actions the API Access UI calls; the page passes them in. */
export interface ApiAccessActions {
  createApiUser: FormAction<IssuedToken & { apiUserId: string; username: string }>;
  issueToken: FormAction<IssuedToken>;
  rotateToken: FormAction<IssuedToken>;
  revokeToken: FormAction<void>;
  disableToken: FormAction<void>;
  enableToken: FormAction<void>;
  renameToken: FormAction<void>;
  revokeAllTokens: FormAction<{ revoked: number }>;
  updatePermissions: FormAction<void>;
  updateRateLimit: FormAction<void>;
  updateIpAllowlist: FormAction<{ entries: string[] }>;
  deactivateApiUser: FormAction<void>;
  activateApiUser: FormAction<void>;
  deleteApiUser: FormAction<void>;
}

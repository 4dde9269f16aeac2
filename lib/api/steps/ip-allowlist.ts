import "server-only";
import { addressAllowed } from "@/lib/api-users/ip-allowlist";
import { AppError } from "@/lib/server/errors";

/**
 * The pipeline's address check (after the token, before the tenant: DESIGN.md "Token
 * states"): a user with an allowlist answers 403 ip_not_allowed to any other address. The
 * call's activity event carries the refused address (its `ip`, and the code in its details).
 */
export function requireAllowedAddress(allowlist: readonly string[], ip: string | null): void {
  if (addressAllowed(allowlist, ip)) return;
  throw new AppError("ip_not_allowed", `Requests from ${ip ?? "an unknown address"} may not use this API user's tokens.`, { ip });
}

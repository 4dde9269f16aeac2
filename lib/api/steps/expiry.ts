import "server-only";
import { EXPIRING_SOON_MS } from "@/lib/api-users/rules";

/**
 * The warning a response made with a token near its expiry carries: the standard `Warning`
 * header (RFC 7234 §5.5, code 299 "miscellaneous persistent warning", with the date), which
 * every HTTP client exposes and logs, so an integrator sees it before the token stops.
 */
export const EXPIRY_WARNING_HEADER = "Warning";

/** The header's value for a token that stops within EXPIRING_SOON_DAYS, else null. */
export function expiryWarning(expiresAt: Date | null, now = Date.now()): string | null {
  if (!expiresAt) return null;
  const left = expiresAt.getTime() - now;
  if (left <= 0 || left > EXPIRING_SOON_MS) return null;
  return `299 - "This API token expires at ${expiresAt.toISOString()}; make a new one before then" "${expiresAt.toUTCString()}"`;
}

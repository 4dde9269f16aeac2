import type { RateLimitState } from "@/lib/rate-limit";
import { RATE_LIMIT_WINDOW_MS } from "@/lib/rate-limit/window";

/** The one policy every API user has: its limit per rolling window. */
const POLICY = '"default"';

/**
 * The rate-limit headers of an authenticated response, from the limiter's state: the
 * de-facto `X-RateLimit-*` and the IETF draft's (draft-ietf-httpapi-ratelimit-headers)
 * structured fields, `RateLimit-Policy: "default";q=60;w=60` (quota per window, in seconds)
 * and `RateLimit: "default";r=59;t=42` (remaining, seconds until a slot frees up). On a
 * refusal (`retry`) `t` is the `Retry-After` sent beside it, so both say the same.
 */
export function rateLimitHeaders(rate: RateLimitState, retry: boolean, now = Date.now()): Record<string, string> {
  const window = RATE_LIMIT_WINDOW_MS / 1000;
  // X-RateLimit-Reset is rounded up to the second: never more than a window away.
  const resetIn = retry && rate.retryAfter !== null ? rate.retryAfter : Math.min(window, Math.max(0, rate.reset - Math.floor(now / 1000)));
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(rate.limit),
    "X-RateLimit-Remaining": String(rate.remaining),
    "X-RateLimit-Reset": String(rate.reset),
    "RateLimit-Policy": `${POLICY};q=${Math.max(0, Math.floor(rate.limit))};w=${window}`,
    RateLimit: `${POLICY};r=${rate.remaining};t=${resetIn}`,
  };
  if (retry && rate.retryAfter !== null) headers["Retry-After"] = String(rate.retryAfter);
  return headers;
}

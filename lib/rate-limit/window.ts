/** Requests per rolling window when ApiUser.rateLimit is null. */
export const DEFAULT_RATE_LIMIT = 60;
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Where one key stands in its rolling window, after (hit) or without (peek) this request. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /**
   * Unix seconds at which a slot frees up: under the limit, when the oldest counted request
   * leaves the window; at or over it, when a request would be allowed again.
   */
  reset: number;
  /** Seconds to wait before retrying; set only when not allowed. */
  retryAfter: number | null;
}

/**
 * A rolling-window counter per key (the API user). `hit` counts the request when it fits
 * and refuses it otherwise (a refused request is not counted); it must be exact under
 * concurrency: with a limit of 60, 100 simultaneous hits allow exactly 60.
 */
export interface RateLimiter {
  hit(key: string, limit: number): Promise<RateLimitState>;
  /** The state without counting a request (for responses that stop before the limiter). */
  peek(key: string, limit: number): Promise<RateLimitState>;
}

/**
 * Which counted hit must leave the window before a request fits, as an index into the hits
 * oldest first: with `count` hits and room for `limit`, a request is allowed once at most
 * `limit - 1` remain, so the hit at `count - limit` is the last one that has to go. Under
 * the limit it is the oldest (index 0: its leaving is the next slot to free up). Not simply
 * the oldest when the limit was lowered below the count: 12 counted with a limit of 5 wait
 * for the 8th oldest, not the 1st.
 */
export function blockingHitIndex(count: number, limit: number): number {
  return Math.max(0, count - Math.max(1, limit));
}

/**
 * Computes the state from the hits in the window at `now` (ms): `count` of them, and
 * `blockingHit`, the time of the hit at blockingHitIndex(count, limit) (null: no hit). The
 * hit leaves the window RATE_LIMIT_WINDOW_MS after it was made; then a request fits again.
 */
export function windowState(count: number, blockingHit: number | null, limit: number, now: number, allowed: boolean): RateLimitState {
  const frees = (blockingHit ?? now) + RATE_LIMIT_WINDOW_MS;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - count),
    reset: Math.ceil(frees / 1000),
    retryAfter: allowed ? null : Math.max(1, Math.ceil((frees - now) / 1000)),
  };
}

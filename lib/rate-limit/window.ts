/** Requests per rolling window when ApiUser.rateLimit is null. */
export const DEFAULT_RATE_LIMIT = 60;
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Where one key stands in its rolling window, after (hit) or without (peek) this request. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the oldest counted request leaves the window (a slot frees up). */
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

/** Computes the state from the hits in the window (oldest first, in ms) at `now`. */
export function windowState(count: number, oldest: number | null, limit: number, now: number, allowed: boolean): RateLimitState {
  const frees = (oldest ?? now) + RATE_LIMIT_WINDOW_MS;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - count),
    reset: Math.ceil(frees / 1000),
    retryAfter: allowed ? null : Math.max(1, Math.ceil((frees - now) / 1000)),
  };
}

import "server-only";
import { database } from "@/lib/db";
import { onShutdown } from "@/lib/server/shutdown";
import { createMemoryRateLimiter } from "./memory";
import { createPostgresRateLimiter } from "./postgres";

export { DEFAULT_RATE_LIMIT, RATE_LIMIT_WINDOW_MS, windowState, type RateLimiter, type RateLimitState } from "./window";
import type { RateLimiter } from "./window";

export type RateLimitStore = "memory" | "postgres";

/**
 * RATE_LIMIT_STORE=memory|postgres. Default: memory on PGlite (one process by nature),
 * postgres when DATABASE_URL is set (several instances may share the database).
 */
export function rateLimitStore(): RateLimitStore {
  const chosen = process.env.RATE_LIMIT_STORE;
  if (chosen === "memory" || chosen === "postgres") return chosen;
  return process.env.DATABASE_URL ? "postgres" : "memory";
}

const holder = globalThis as unknown as { courierRateLimiter?: RateLimiter };

/** The process's limiter, chosen once by rateLimitStore(). */
export function rateLimiter(): RateLimiter {
  if (!holder.courierRateLimiter) {
    if (rateLimitStore() === "postgres") {
      const limiter = createPostgresRateLimiter(async () => (await database()).driver, process.env.DATABASE_URL || undefined);
      onShutdown(() => limiter.close());
      holder.courierRateLimiter = limiter;
    } else {
      holder.courierRateLimiter = createMemoryRateLimiter();
    }
  }
  return holder.courierRateLimiter;
}

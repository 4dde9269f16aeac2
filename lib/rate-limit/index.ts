import "server-only";
import { database } from "@/lib/db";
import { env, type Env } from "@/lib/server/env";
import { createMemoryRateLimiter } from "./memory";
import { createPostgresRateLimiter } from "./postgres";
import { createRedisRateLimiter } from "./redis";

export { DEFAULT_RATE_LIMIT, RATE_LIMIT_WINDOW_MS, type RateLimiter, type RateLimitState } from "./window";
import type { RateLimiter } from "./window";

export type RateLimitStore = Env["RATE_LIMIT_STORE"];

/**
 * RATE_LIMIT_STORE=memory|postgres|redis. Default: memory on PGlite (one process by nature),
 * postgres when DATABASE_URL is set (several instances may share the database).
 */
export function rateLimitStore(): RateLimitStore {
  return env().RATE_LIMIT_STORE;
}

/**
 * A new limiter on the given store, owned by the caller: the app's pipeline builds one
 * (lib/api/route.ts), a test or the bench its own. close() ends the PostgreSQL limiter's
 * pool; the memory limiter has nothing to end.
 */
export function createRateLimiter(store: RateLimitStore = rateLimitStore()): RateLimiter & { close(): Promise<void> } {
  if (store === "postgres") return createPostgresRateLimiter(async () => (await database()).driver, env().DATABASE_URL);
  const { REDIS_URL, REDIS_KEY_PREFIX } = env();
  if (store === "redis" && REDIS_URL) return createRedisRateLimiter(REDIS_URL, { prefix: REDIS_KEY_PREFIX });
  return { ...createMemoryRateLimiter(), close: async () => {} };
}

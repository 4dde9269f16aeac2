import { blockingHitIndex, RATE_LIMIT_WINDOW_MS, windowState, type RateLimiter } from "./window";

/**
 * One process's limiter: a log of hit times per key. Exact because JavaScript runs each
 * hit to completion; wrong as soon as two instances serve the same users (use postgres).
 */
export function createMemoryRateLimiter(clock: () => number = Date.now): RateLimiter {
  const hits = new Map<string, number[]>();

  function current(key: string, now: number): number[] {
    const log = hits.get(key);
    if (!log) return [];
    let expired = 0;
    while (expired < log.length && log[expired]! <= now - RATE_LIMIT_WINDOW_MS) expired++;
    if (expired) log.splice(0, expired);
    if (!log.length) hits.delete(key);
    return log;
  }

  const state = (log: number[], limit: number, now: number, allowed: boolean) =>
    windowState(log.length, log[blockingHitIndex(log.length, limit)] ?? null, limit, now, allowed);

  return {
    async hit(key, limit) {
      const now = clock();
      const log = current(key, now);
      if (log.length >= limit) return state(log, limit, now, false);
      if (!hits.has(key)) hits.set(key, log);
      log.push(now);
      return state(log, limit, now, true);
    },
    async peek(key, limit) {
      const now = clock();
      const log = current(key, now);
      return state(log, limit, now, log.length < limit);
    },
  };
}

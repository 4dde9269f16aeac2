import "server-only";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createMemoryRateLimiter } from "./memory";
import { RATE_LIMIT_WINDOW_MS, windowState, type RateLimiter, type RateLimitState } from "./window";

/**
 * The rolling window in Redis: one sorted set of hit times per key, and one Lua script per
 * call that trims the window, counts, adds the hit when it fits and returns the hit that
 * must leave before the next one fits (window.ts's blockingHitIndex). Redis runs a script
 * to completion before any other command, so the count is exact across every instance
 * (as the PostgreSQL store's advisory lock makes it), and the time is Redis's own clock,
 * shared by every instance. A key expires a window after its last hit.
 */
const HIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
local index = math.max(0, count - math.max(1, limit))
if ARGV[4] == 'hit' and count < limit then
  allowed = 1
  index = 0
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
end
local blocking = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')[2] or now
if ARGV[4] == 'hit' and allowed == 1 then count = count + 1 end
return {allowed, count, tonumber(blocking), now}`;

/** How long a call waits on Redis before it counts as unreachable. */
const COMMAND_TIMEOUT_MS = 1_000;
const LOG_EVERY_MS = 10_000;

type Reply = [allowed: number, count: number, blocking: number, now: number];

/** A client that fails fast while Redis is away (no queue of waiting commands), and reconnects. */
export function redisClient(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    lazyConnect: true,
  });
  // Errors surface on the commands; an unhandled `error` event would crash the process.
  client.on("error", () => {});
  return client;
}

const connecting = new WeakMap<Redis, Promise<void>>();

/**
 * Resolves once `client` (lazyConnect) is connected, the first caller starting the connection
 * and concurrent callers waiting on the same attempt; while it reconnects by itself, resolves
 * at once (the command then fails fast and the caller falls back).
 */
export function ensureConnected(client: Redis): Promise<void> {
  const status = client.status;
  if (status !== "wait" && status !== "connecting" && status !== "connect") return Promise.resolve();
  let pending = connecting.get(client);
  if (!pending) {
    const settled = new Promise<void>((resolve) => {
      const done = () => {
        client.off("ready", done);
        client.off("close", done);
        resolve();
      };
      client.on("ready", done);
      client.on("close", done);
    });
    // A failed first connection surfaces on the command that follows (and its caller's fallback).
    if (status === "wait") client.connect().catch(() => {});
    pending = settled.finally(() => connecting.delete(client));
    connecting.set(client, pending);
  }
  return pending;
}

/** Connects and PINGs: throws a message naming the host (never a password) when Redis cannot be reached. */
export async function checkRedis(url: string): Promise<void> {
  const client = redisClient(url);
  const where = redisWhere(url);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`REDIS_URL: Redis at ${where} cannot be reached (${(error as Error).message}).`);
  } finally {
    client.disconnect();
  }
}

/** host:port/db of a Redis URL, without its credentials. */
export function redisWhere(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ""}`;
  } catch {
    return "(unparsable REDIS_URL)";
  }
}

/**
 * The Redis limiter. While Redis cannot be reached (a command fails or times out), each
 * call falls back to this instance's in-memory limiter (memory.ts): the API keeps serving,
 * each instance holding the limit on its own, until Redis answers again (README, "Rate
 * limits"); the outage is logged once per LOG_EVERY_MS, never per request.
 */
export function createRedisRateLimiter(url: string, options: { prefix?: string } = {}): RateLimiter & { close(): Promise<void> } {
  const client = redisClient(url);
  client.defineCommand("courierRateLimit", { numberOfKeys: 1, lua: HIT });
  const prefix = options.prefix ?? "courier:";
  const fallback = createMemoryRateLimiter();
  let loggedAt = 0;
  let degraded = false;

  async function run(key: string, limit: number, mode: "hit" | "peek"): Promise<RateLimitState> {
    const safeLimit = Math.max(0, Math.floor(limit));
    try {
      await ensureConnected(client);
      const command = (client as unknown as Record<string, (...args: unknown[]) => Promise<Reply>>).courierRateLimit!;
      const [allowed, count, blocking, now] = await command.call(
        client,
        `${prefix}rl:${key}`,
        safeLimit,
        RATE_LIMIT_WINDOW_MS,
        `${Date.now()}-${randomUUID()}`,
        mode,
      );
      if (degraded) {
        degraded = false;
        console.warn("rate limit: Redis answers again; counting there");
      }
      return windowState(Number(count), Number(blocking), limit, Number(now), mode === "hit" ? allowed === 1 : Number(count) < limit);
    } catch (error) {
      if (Date.now() - loggedAt >= LOG_EVERY_MS) {
        loggedAt = Date.now();
        console.warn(`rate limit: Redis unreachable (${(error as Error).message}); limiting per instance in memory meanwhile`);
      }
      degraded = true;
      return mode === "hit" ? fallback.hit(key, limit) : fallback.peek(key, limit);
    }
  }

  return {
    hit: (key, limit) => run(key, limit, "hit"),
    peek: (key, limit) => run(key, limit, "peek"),
    async close() {
      client.disconnect();
    },
  };
}

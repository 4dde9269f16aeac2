import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ActivityQueue, writeApiCalls } from "@/lib/api/activity-queue";
import { createTokenLookup, TokenCache } from "@/lib/api/credentials";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { createPipeline } from "@/lib/api/route";
import { db } from "@/lib/db";
import { checkRedis, createRedisRateLimiter } from "@/lib/rate-limit/redis";
import { apiCaller, apiRequest, noParams } from "./support/api";
import { TcpProxy } from "./support/tcp-proxy";

// The Redis store (RATE_LIMIT_STORE=redis) against a real Redis: TEST_REDIS_URL, else the one
// every machine of this kind runs at 127.0.0.1:6379 (.ci/run starts it). Each run writes
// under a key prefix of its own, so parallel runs never count each other's hits. Skipped,
// saying why, only when no Redis answers.
const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379/0";
const unreachable = await checkRedis(REDIS_URL).then(
  () => null,
  (error: Error) => error.message,
);
if (unreachable) console.warn(`tests/rate-limit-redis.test.ts skipped: ${unreachable}`);
const prefix = () => `courier-test:${process.pid}:${randomUUID()}:`;

describe.skipIf(unreachable !== null)("rate limit on Redis", () => {
  const closing: (() => Promise<void>)[] = [];
  // Opening (and migrating) the database is the slow part on a busy machine: a hook's time, not a test's.
  beforeAll(() => db());
  afterAll(async () => {
    for (const close of closing) await close();
  });

  function instance(url = REDIS_URL, keys = prefix()) {
    const limiter = createRedisRateLimiter(url, { prefix: keys });
    const tokens = createTokenLookup(new TokenCache(60_000));
    const queue = new ActivityQueue(writeApiCalls);
    closing.push(async () => {
      tokens.stop();
      await queue.flush();
      await limiter.close();
    });
    return { limiter, route: createPipeline({ tokens, limiter, queue }).apiRoute(operations.listShipments, async () => ok({})) };
  }

  it("three instances with a limit of 60 allow exactly 60 of 200 requests spread over them", async () => {
    const keys = prefix();
    const instances = [instance(REDIS_URL, keys), instance(REDIS_URL, keys), instance(REDIS_URL, keys)];
    const { plain, tenant } = await apiCaller({ rateLimit: 60, permissions: ["shipments:read"] });
    const auth = { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId };
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => instances[i % 3]!.route(apiRequest("/shipments", auth), noParams)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(140);
    // The same headers as the other stores: the refused ones say when, and how many are left.
    for (const response of responses) {
      expect(response.headers.get("X-RateLimit-Limit")).toBe("60");
      if (response.status === 429) {
        expect(response.headers.get("X-RateLimit-Remaining")).toBe("0");
        expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
        expect(Number(response.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
      }
    }
    const remaining = responses.filter((r) => r.status === 200).map((r) => Number(r.headers.get("X-RateLimit-Remaining")));
    expect(new Set(remaining)).toEqual(new Set(Array.from({ length: 60 }, (_, i) => i)));
  });

  it("counts a rolling window like the other stores: a lowered limit waits for the right hit", async () => {
    const { limiter } = instance();
    const key = `user-${randomUUID()}`;
    for (let i = 0; i < 12; i++) expect((await limiter.hit(key, 100)).allowed).toBe(true);
    const lowered = await limiter.hit(key, 5);
    expect(lowered).toMatchObject({ allowed: false, limit: 5, remaining: 0 });
    expect(lowered.retryAfter).toBeGreaterThanOrEqual(59);
    expect(await limiter.peek(key, 100)).toMatchObject({ allowed: true, remaining: 88 });
  });

  it("while Redis is down, limits per instance in memory and keeps serving; counts in Redis again once it is back", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const target = new URL(REDIS_URL);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    closing.push(() => proxy.close());
    const through = new URL(REDIS_URL);
    through.port = String(proxy.port);
    const { limiter } = instance(through.toString());
    const key = `user-${randomUUID()}`;
    expect((await limiter.hit(key, 3)).allowed).toBe(true);

    await proxy.refuse();
    const during = [];
    for (let i = 0; i < 4; i++) during.push((await limiter.hit(key, 3)).allowed);
    // This instance's own count in memory: the limit still holds here.
    expect(during).toEqual([true, true, true, false]);
    expect(warn.mock.calls.some(([message]) => String(message).includes("Redis unreachable"))).toBe(true);

    await proxy.restore();
    let back = await limiter.peek(key, 3);
    for (let i = 0; i < 100 && back.remaining !== 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      back = await limiter.peek(key, 3);
    }
    // Redis's count again: the one hit made before the outage.
    expect(back).toMatchObject({ allowed: true, remaining: 2 });
    warn.mockRestore();
  });

  it("names the host, never the password, when Redis cannot be reached at start", async () => {
    const proxy = await TcpProxy.start({ host: "127.0.0.1", port: 6379 });
    const port = proxy.port;
    await proxy.close();
    await expect(checkRedis(`redis://user:hunter2@127.0.0.1:${port}/3`)).rejects.toThrow(
      new RegExp(`^REDIS_URL: Redis at 127\\.0\\.0\\.1:${port}/3 cannot be reached`),
    );
    await checkRedis(`redis://user:hunter2@127.0.0.1:${port}/3`).catch((error: Error) => expect(error.message).not.toContain("hunter2"));
  });
});

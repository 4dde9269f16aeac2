import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createDriver } from "@/lib/db/driver";
import { database, db } from "@/lib/db";
import { createMemoryRateLimiter } from "@/lib/rate-limit/memory";
import { createPostgresRateLimiter } from "@/lib/rate-limit/postgres";
import type { RateLimiter } from "@/lib/rate-limit";

const key = () => `user-${randomBytes(6).toString("hex")}`;

async function burst(limiter: RateLimiter, k: string, limit: number, n: number) {
  const results = await Promise.all(Array.from({ length: n }, () => limiter.hit(k, limit)));
  return results.filter((r) => r.allowed).length;
}

describe("in-memory rate limiter", () => {
  it("counts a rolling 60-second window and does not count refusals", async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter(() => now);
    const k = key();
    expect(await limiter.hit(k, 3)).toEqual({ allowed: true, limit: 3, remaining: 2, reset: 1060, retryAfter: null });
    now += 30_000;
    expect((await limiter.hit(k, 3)).remaining).toBe(1);
    expect((await limiter.hit(k, 3)).remaining).toBe(0);
    expect(await limiter.hit(k, 3)).toEqual({ allowed: false, limit: 3, remaining: 0, reset: 1060, retryAfter: 30 });
    expect((await limiter.peek(k, 3)).remaining).toBe(0);
    now = 1_060_000; // the first hit leaves the window
    expect(await limiter.hit(k, 3)).toMatchObject({ allowed: true, remaining: 0, reset: 1090 });
    expect((await limiter.hit(k, 3)).allowed).toBe(false);
    now += 30_000; // both hits at 1 030 000 leave
    expect((await limiter.hit(k, 3)).remaining).toBe(1);
  });

  it("keeps users apart and takes each user's own limit", async () => {
    const limiter = createMemoryRateLimiter();
    const [a, b] = [key(), key()];
    expect(await burst(limiter, a, 2, 5)).toBe(2);
    expect(await burst(limiter, b, 4, 5)).toBe(4);
  });

  it("is exact under concurrency: 100 at once with a limit of 60 allow 60", async () => {
    expect(await burst(createMemoryRateLimiter(), key(), 60, 100)).toBe(60);
  });
});

describe("PostgreSQL rate limiter", () => {
  // On PostgreSQL: the one-round-trip path with a pool of its own, as the app runs it.
  const limiter = createPostgresRateLimiter(async () => (await database()).driver, process.env.DATABASE_URL || undefined);
  afterAll(() => limiter.close());

  it("is exact under concurrency: 100 at once with a limit of 60 allow 60", async () => {
    const k = key();
    expect(await burst(limiter, k, 60, 100)).toBe(60);
    expect(await (await db()).rateLimitHit.count({ where: { apiUserId: k } })).toBe(60);
    expect(await limiter.peek(k, 60)).toMatchObject({ allowed: false, remaining: 0, limit: 60 });
    const refused = await limiter.hit(k, 60);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
  });

  it("reports remaining and reset, and peek counts nothing", async () => {
    const k = key();
    const first = await limiter.hit(k, 5);
    expect(first).toMatchObject({ allowed: true, limit: 5, remaining: 4, retryAfter: null });
    expect(first.reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 59);
    expect((await limiter.peek(k, 5)).remaining).toBe(4);
    expect((await limiter.hit(k, 5)).remaining).toBe(3);
  });

  it("takes a key that cannot be inlined through the parameterised path", async () => {
    const k = `odd key ' ; -- ${key()}`;
    expect(await burst(limiter, k, 3, 5)).toBe(3);
  });

  it("counts only the last 60 seconds and deletes older rows", async () => {
    const k = key();
    const prisma = await db();
    const old = new Date(Date.now() - 61_000);
    await prisma.rateLimitHit.createMany({ data: Array.from({ length: 5 }, () => ({ apiUserId: k, at: old })) });
    await prisma.rateLimitHit.createMany({ data: [{ apiUserId: k, at: new Date(Date.now() - 30_000) }] });
    const state = await limiter.hit(k, 3);
    expect(state).toMatchObject({ allowed: true, remaining: 1 });
    expect(await prisma.rateLimitHit.count({ where: { apiUserId: k } })).toBe(2);
  });

  it.runIf(!!process.env.DATABASE_URL)("is exact across two instances with their own connection pools", async () => {
    const url = process.env.DATABASE_URL!;
    const [one, two] = await Promise.all([createDriver({ url, dataDir: "" }), createDriver({ url, dataDir: "" })]);
    try {
      const a = createPostgresRateLimiter(async () => one, url);
      const b = createPostgresRateLimiter(async () => two, url);
      const c = createPostgresRateLimiter(async () => two); // through the driver's transaction
      const k = key();
      const results = await Promise.all(Array.from({ length: 150 }, (_, i) => [a, b, c][i % 3]!.hit(k, 60)));
      expect(results.filter((r) => r.allowed)).toHaveLength(60);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

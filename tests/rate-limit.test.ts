import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createDriver } from "@/lib/db/driver";
import { database, db } from "@/lib/db";
import { createMemoryRateLimiter } from "@/lib/rate-limit/memory";
import { createPostgresRateLimiter, sweepExpiredHits } from "@/lib/rate-limit/postgres";
import type { RateLimiter } from "@/lib/rate-limit";
import { blockingHitIndex, windowState } from "@/lib/rate-limit/window";

const key = () => `user-${randomBytes(6).toString("hex")}`;

/** Hits counted earlier, as the limiter keeps them: the rows and the user's count beside them. */
async function seedHits(apiUserId: string, times: Date[]) {
  const prisma = await db();
  await prisma.$transaction([
    prisma.rateLimitHit.createMany({ data: times.map((at) => ({ apiUserId, at })) }),
    prisma.rateLimitCount.upsert({
      where: { apiUserId },
      create: { apiUserId, count: times.length },
      update: { count: { increment: times.length } },
    }),
  ]);
}

/** The user's kept count and its rows: equal whenever no transaction is between them. */
async function countAndRows(apiUserId: string) {
  const prisma = await db();
  const [kept, rows] = await Promise.all([
    prisma.rateLimitCount.findUnique({ where: { apiUserId } }),
    prisma.rateLimitHit.count({ where: { apiUserId } }),
  ]);
  return { kept: kept?.count ?? 0, rows };
}

async function burst(limiter: RateLimiter, k: string, limit: number, n: number) {
  const results = await Promise.all(Array.from({ length: n }, () => limiter.hit(k, limit)));
  return results.filter((r) => r.allowed).length;
}

describe("the window arithmetic", () => {
  // Hits at t = 0, 1, 2 … s (ms below); a request fits once at most limit - 1 remain.
  it.each([
    // count, limit, index of the hit that must leave first
    [0, 5, 0],
    [1, 5, 0],
    [4, 5, 0],
    [5, 5, 0],
    [6, 5, 1],
    [12, 5, 7],
    [60, 60, 0],
    [100, 60, 40],
    [3, 1, 2],
    [3, 0, 2],
  ])("%i counted, limit %i: the hit at index %i must leave", (count, limit, index) => {
    expect(blockingHitIndex(count, limit)).toBe(index);
  });

  it.each([
    // count, limit, blocking hit (ms), now (ms), allowed → remaining, reset (s), retryAfter (s)
    { count: 0, limit: 5, hit: null, now: 10_000, allowed: true, remaining: 5, reset: 70, retryAfter: null },
    { count: 3, limit: 5, hit: 1_000, now: 10_000, allowed: true, remaining: 2, reset: 61, retryAfter: null },
    { count: 5, limit: 5, hit: 1_000, now: 10_000, allowed: false, remaining: 0, reset: 61, retryAfter: 51 },
    // The case: 12 counted at 0…11 s, limit lowered to 5, asked at 16 s: the 8th hit (7 s) frees at 67 s.
    { count: 12, limit: 5, hit: 7_000, now: 16_000, allowed: false, remaining: 0, reset: 67, retryAfter: 51 },
    // Rounded up, never 0: 300 ms left is 1 s.
    { count: 5, limit: 5, hit: 0, now: 59_700, allowed: false, remaining: 0, reset: 60, retryAfter: 1 },
    { count: 5, limit: 5, hit: 500, now: 59_000, allowed: false, remaining: 0, reset: 61, retryAfter: 2 },
  ])("$count counted, limit $limit, blocking hit at $hit ms, at $now ms", ({ count, limit, hit, now, allowed, ...expected }) => {
    expect(windowState(count, hit, limit, now, allowed)).toEqual({ allowed, limit, ...expected });
  });
});

/** Hits `n` times one second apart under a large limit, then asks with `limit`. */
async function lowered(limiter: RateLimiter, k: string, n: number, limit: number, clock?: { now: number }) {
  for (let i = 0; i < n; i++) {
    expect((await limiter.hit(k, 1000)).allowed).toBe(true);
    if (clock) clock.now += 1000;
  }
  return limiter.hit(k, limit);
}

describe("in-memory rate limiter", () => {
  it("after a limit is lowered below the count, Retry-After is when a request fits again", async () => {
    const clock = { now: 1_000_000 };
    const limiter = createMemoryRateLimiter(() => clock.now);
    const k = key();
    // 12 hits at 1 000 … 1 011 s; at 1 012 s the limit is 5: the 8th hit (1 007 s) must leave, at 1 067 s.
    const refused = await lowered(limiter, k, 12, 5, clock);
    expect(refused).toEqual({ allowed: false, limit: 5, remaining: 0, reset: 1067, retryAfter: 55 });
    clock.now = 1_066_999;
    expect((await limiter.hit(k, 5)).allowed).toBe(false);
    clock.now = 1_067_000;
    expect(await limiter.hit(k, 5)).toMatchObject({ allowed: true, remaining: 0 });
  });

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
    expect(await countAndRows(k)).toEqual({ kept: 60, rows: 60 });
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

  it("after a limit is lowered below the count, Retry-After waits for the (count - limit)th oldest hit", async () => {
    const k = key();
    // 12 hits 1 s apart, the newest 1 s ago; the limit is now 5: the 8th (5 s ago) must leave, in 55 s.
    const now = Date.now();
    const twelve = Array.from({ length: 12 }, (_, i) => new Date(now - 12_000 + i * 1000));
    await seedHits(k, twelve);
    for (const state of [await limiter.hit(k, 5), await limiter.peek(k, 5)]) {
      expect(state).toMatchObject({ allowed: false, remaining: 0 });
      expect(state.retryAfter).toBeGreaterThanOrEqual(54);
      expect(state.retryAfter).toBeLessThanOrEqual(56);
      expect(state.reset).toBe(Math.ceil((now - 5_000 + 60_000) / 1000));
    }
    const odd = `odd key ' ; -- ${key()}`; // the parameterised path
    await seedHits(odd, twelve);
    expect((await limiter.hit(odd, 5)).reset).toBe(Math.ceil((now - 5_000 + 60_000) / 1000));
  });

  it("takes a key that cannot be inlined through the parameterised path", async () => {
    const k = `odd key ' ; -- ${key()}`;
    expect(await burst(limiter, k, 3, 5)).toBe(3);
  });

  it("counts only the last 60 seconds and deletes older rows", async () => {
    const k = key();
    const old = new Date(Date.now() - 61_000);
    await seedHits(k, [...Array.from({ length: 5 }, () => old), new Date(Date.now() - 30_000)]);
    expect((await limiter.peek(k, 3)).remaining).toBe(2);
    const state = await limiter.hit(k, 3);
    expect(state).toMatchObject({ allowed: true, remaining: 1 });
    expect(await countAndRows(k)).toEqual({ kept: 2, rows: 2 });
  });

  it("keeps the count equal to the rows while sweeps delete expired hits between the calls", async () => {
    const k = key();
    const other = key();
    const old = new Date(Date.now() - 61_000);
    // Expired hits for the sweeps and the calls to race for, and a user only the sweeps clean.
    await seedHits(
      k,
      Array.from({ length: 40 }, () => old),
    );
    await seedHits(
      other,
      Array.from({ length: 7 }, () => old),
    );
    const d = (await database()).driver;
    const calls = Array.from({ length: 80 }, (_, i) => (i % 10 === 0 ? sweepExpiredHits(d).then(() => null) : limiter.hit(k, 50)));
    const results = (await Promise.all(calls)).filter((r) => r !== null);
    expect(results.filter((r) => r.allowed)).toHaveLength(50);
    await sweepExpiredHits(d);
    expect(await countAndRows(k)).toEqual({ kept: 50, rows: 50 });
    expect(await countAndRows(other)).toEqual({ kept: 0, rows: 0 });
    expect(await limiter.peek(k, 50)).toMatchObject({ allowed: false, remaining: 0 });
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

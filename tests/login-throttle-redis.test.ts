import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT_MAX_FAILURES, ACCOUNT_WINDOW_MS, PAIR_MAX_FAILURES, type Attempt, type Refusal } from "@/lib/auth/login-throttle";
import { createRedisLoginThrottle } from "@/lib/auth/login-throttle-redis";
import { checkRedis } from "@/lib/rate-limit/redis";

// The sign-in throttle on the Redis store (RATE_LIMIT_STORE=redis): the limits of
// tests/login-throttle.test.ts, and exact across instances. A key prefix per run; skipped,
// saying why, only when no Redis answers (TEST_REDIS_URL, else 127.0.0.1:6379).
const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379/0";
const unreachable = await checkRedis(REDIS_URL).then(
  () => null,
  (error: Error) => error.message,
);
if (unreachable) console.warn(`tests/login-throttle-redis.test.ts skipped: ${unreachable}`);

const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const account = () => `member-${randomBytes(6).toString("hex")}@test.example`;

function allowed(outcome: Refusal | Attempt): Attempt {
  if (outcome.refused) throw new Error(`refused (${outcome.limit}) where an attempt was expected`);
  return outcome;
}

describe.skipIf(unreachable !== null)("sign-in throttle on Redis", () => {
  const prefix = `courier-test:${process.pid}:${randomUUID()}:`;
  const made: { close(): Promise<void> }[] = [];
  const instance = () => {
    const throttle = createRedisLoginThrottle(REDIS_URL, { prefix, maxFailuresPerIp: () => 1_000 });
    made.push(throttle);
    return throttle;
  };
  afterAll(async () => {
    for (const throttle of made) await throttle.close();
  });

  it("locks the (account, IP) pair after 5 failures, and a success from an address clears that pair", async () => {
    const throttle = instance();
    const who = account();
    const owner = ip();
    for (let i = 0; i < PAIR_MAX_FAILURES - 1; i++) allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
    const fifth = allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
    expect(fifth.pairFailures).toBe(4);
    await fifth.succeeded();
    expect(allowed(await throttle.begin("dashboard", { account: who, ip: owner })).pairFailures).toBe(0);

    const guesser = ip();
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) allowed(await throttle.begin("dashboard", { account: who, ip: guesser }));
    const locked = await throttle.begin("dashboard", { account: who, ip: guesser });
    expect(locked).toMatchObject({ refused: true, limit: "pair" });
    expect((locked as Refusal).retryAfter).toBeGreaterThan(14 * 60);
    allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
    // A withdrawn attempt is not counted.
    const third = ip();
    for (let i = 0; i < 10; i++) await allowed(await throttle.begin("api", { account: who, ip: third })).withdrawn();
    expect(allowed(await throttle.begin("api", { account: who, ip: third })).pairFailures).toBe(0);
  });

  it("an attacker on many addresses locks the account only briefly, and never for the owner's address", async () => {
    const throttle = instance();
    const who = account();
    const owner = ip();
    await allowed(await throttle.begin("api", { account: who, ip: owner })).succeeded();
    const attackers = Array.from({ length: ACCOUNT_MAX_FAILURES / PAIR_MAX_FAILURES }, ip);
    for (const from of attackers) {
      for (let i = 0; i < PAIR_MAX_FAILURES; i++) allowed(await throttle.begin("api", { account: who, ip: from }));
    }
    const fresh = await throttle.begin("api", { account: who, ip: ip() });
    expect(fresh).toMatchObject({ refused: true, limit: "account" });
    expect((fresh as Refusal).retryAfter).toBeLessThanOrEqual(ACCOUNT_WINDOW_MS / 1000);
    expect(await throttle.begin("api", { account: who, ip: attackers[0]! })).toMatchObject({ refused: true, limit: "pair" });
    for (let i = 0; i < 3; i++) await allowed(await throttle.begin("api", { account: who, ip: owner })).succeeded();
    allowed(await throttle.begin("dashboard", { account: who, ip: ip() }));
  });

  it("two instances let exactly 5 of 16 parallel guesses of one pair through", async () => {
    const instances = [instance(), instance()];
    const who = account();
    const from = ip();
    const outcomes = await Promise.all(Array.from({ length: 16 }, (_, i) => instances[i % 2]!.begin("api", { account: who, ip: from })));
    expect(outcomes.filter((o) => !o.refused)).toHaveLength(PAIR_MAX_FAILURES);
  });
});

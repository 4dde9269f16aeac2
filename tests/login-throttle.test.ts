import { randomBytes, randomInt } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { login } from "@/lib/api/login";
import {
  ACCOUNT_MAX_FAILURES,
  ACCOUNT_WINDOW_MS,
  createLoginThrottle,
  loginThrottle,
  PAIR_MAX_FAILURES,
  type Attempt,
  type Refusal,
} from "@/lib/auth/login-throttle";
import { hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db";
import { createDriver, type SqlDriver } from "@/lib/db/driver";
import { makeTenant } from "./support/fixtures";

// Fresh addresses and accounts per test: on PostgreSQL the rows of earlier runs are still there.
const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const account = () => `member-${randomBytes(6).toString("hex")}@test.example`;

function allowed(outcome: Refusal | Attempt): Attempt {
  if (outcome.refused) throw new Error(`refused (${outcome.limit}) where an attempt was expected`);
  return outcome;
}

describe("sign-in throttle (lib/auth/login-throttle)", () => {
  it("keeps failed API logins apart from the dashboard's: 60 of them lock no member out", async () => {
    const tenant = await makeTenant();
    const prisma = await db();
    const PASSWORD = "right-password";
    await prisma.apiUser.create({
      data: { tenantId: tenant.id, username: "bot", usernameLower: "bot", passwordHash: await hashPassword(PASSWORD), permissions: [] },
    });
    const office = ip();
    // 60 bad token logins from the office's address, one username each (no per-pair delay).
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      statuses.push(
        await login(tenant.clientId, { username: `guess${i}`, password: "wrong" }, office).then(
          () => 201,
          (error: { status: number }) => error.status,
        ),
      );
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    // The API's IP bucket is full; the dashboard's is untouched.
    await expect(login(tenant.clientId, { username: "bot", password: PASSWORD }, office)).rejects.toMatchObject({ status: 429 });
    const member = tenant.members[0]!.email;
    const attempt = allowed(await loginThrottle().begin("dashboard", { account: member, ip: office }));
    expect(attempt.pairFailures).toBe(0);
    await attempt.succeeded();
  }, 60_000);

  it("locks the (account, IP) pair after 5 failures, and a success from an address clears that pair", async () => {
    const throttle = loginThrottle();
    const who = account();
    const owner = ip();
    for (let i = 0; i < PAIR_MAX_FAILURES - 1; i++) allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
    const fifth = allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
    expect(fifth.pairFailures).toBe(4);
    await fifth.succeeded(); // the right password at last
    const after = allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
    expect(after.pairFailures).toBe(0);

    const guesser = ip();
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) allowed(await throttle.begin("dashboard", { account: who, ip: guesser }));
    const locked = await throttle.begin("dashboard", { account: who, ip: guesser });
    expect(locked).toMatchObject({ refused: true, limit: "pair" });
    expect((locked as Refusal).retryAfter).toBeGreaterThan(14 * 60);
    // Only the guesser's address: the owner's is not locked.
    allowed(await throttle.begin("dashboard", { account: who, ip: owner }));
  });

  it("an attacker on many addresses locks the account only briefly, and never for the owner's address", async () => {
    const throttle = loginThrottle();
    const who = account();
    const owner = ip();
    await allowed(await throttle.begin("api", { account: who, ip: owner })).succeeded(); // the owner signed in before

    // The attack: 5 failures from each of many addresses, up to the account-wide threshold.
    const attackers = Array.from({ length: ACCOUNT_MAX_FAILURES / PAIR_MAX_FAILURES }, ip);
    for (const from of attackers) {
      for (let i = 0; i < PAIR_MAX_FAILURES; i++) allowed(await throttle.begin("api", { account: who, ip: from }));
    }
    // A new attacker address (or a stranger's) is refused account-wide, for at most the short window…
    const fresh = await throttle.begin("api", { account: who, ip: ip() });
    expect(fresh).toMatchObject({ refused: true, limit: "account" });
    expect((fresh as Refusal).retryAfter).toBeLessThanOrEqual(ACCOUNT_WINDOW_MS / 1000);
    // … each attacker address is locked on its own pair for the long one…
    expect(await throttle.begin("api", { account: who, ip: attackers[0]! })).toMatchObject({ refused: true, limit: "pair" });
    // … and the owner, from the address it signed in from, is let through, again and again.
    for (let i = 0; i < 3; i++) {
      const attempt = allowed(await throttle.begin("api", { account: who, ip: owner }));
      expect(attempt.pairFailures).toBe(0);
      await attempt.succeeded();
    }
    // The other surface's bucket for the same name is untouched.
    allowed(await throttle.begin("dashboard", { account: who, ip: ip() }));
  });

  it("counts parallel guesses exactly: 12 at once, 5 let through", async () => {
    const throttle = loginThrottle();
    const who = account();
    const from = ip();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => throttle.begin("dashboard", { account: who, ip: from })));
    expect(outcomes.filter((o) => !o.refused)).toHaveLength(PAIR_MAX_FAILURES);
  });

  describe.runIf(!!process.env.DATABASE_URL)("on PostgreSQL, across instances", () => {
    let second: SqlDriver | undefined;
    afterAll(async () => {
      await second?.close();
    });

    it("two instances with pools of their own let exactly 5 parallel guesses of one pair through", async () => {
      second = await createDriver({ url: process.env.DATABASE_URL, dataDir: "" });
      const driver = second;
      const other = createLoginThrottle(async () => driver);
      const instances = [loginThrottle(), other];
      for (let round = 0; round < 3; round++) {
        const who = account();
        const from = ip();
        const outcomes = await Promise.all(
          Array.from({ length: 16 }, (_, i) => instances[i % 2]!.begin("api", { account: who, ip: from })),
        );
        expect(outcomes.filter((o) => !o.refused)).toHaveLength(PAIR_MAX_FAILURES);
      }
    });

    it("two instances share the account-wide count of an attack on many addresses", async () => {
      const driver = second ?? (second = await createDriver({ url: process.env.DATABASE_URL, dataDir: "" }));
      const instances = [loginThrottle(), createLoginThrottle(async () => driver)];
      const who = account();
      const addresses = Array.from({ length: 30 }, ip);
      // 30 addresses × 2 guesses, in parallel across both instances: 60 attempts, 50 let through.
      const outcomes = await Promise.all(
        addresses.flatMap((from, i) => [0, 1].map((j) => instances[(i + j) % 2]!.begin("api", { account: who, ip: from }))),
      );
      expect(outcomes.filter((o) => !o.refused)).toHaveLength(ACCOUNT_MAX_FAILURES);
    });
  });
});

import "server-only";
import { database } from "@/lib/db";
import type { SqlDriver, SqlSession } from "@/lib/db/driver";
import { env } from "@/lib/server/env";
import { onShutdown } from "@/lib/server/shutdown";
import { createRedisLoginThrottle } from "./login-throttle-redis";

/**
 * Slows and then refuses repeated failed sign-ins, for the API's token login and the
 * dashboard's, each in buckets of its own: a key carries its surface as a prefix
 * ("api:…", "dashboard:…"), so failed API logins never lock staff out of the dashboard.
 *
 * Three limits, each over the failures still inside its window (one LoginFailure row per
 * failed attempt, with its account and IP):
 *
 *  - the (account, IP) pair: 5 failures in 15 minutes lock that pair until the oldest
 *    leaves the window. This is the lock that stops guessing, and all it locks is the
 *    guesser's own address. A successful sign-in from an IP clears that pair.
 *  - the account, from every address: 50 failures in 5 minutes (a distributed guess from
 *    many addresses) lock the account for at most those 5 minutes, and never for an
 *    address the account signed in from in the last 30 days (LoginAddress). So an attacker
 *    can lock its own addresses for 15 minutes and strangers' for 5, but not the owner at
 *    an address the owner used before: that is the one lock it cannot cause.
 *  - the IP, across accounts: a surface's own threshold (LOGIN_MAX_FAILURES_PER_IP for
 *    the API, SIGN_IN_MAX_FAILURES_PER_IP for the dashboard) in 15 minutes, against one
 *    address trying many accounts; addresses an account signed in from are exempt for that
 *    account, so colleagues behind one NAT are not locked out by one of them.
 *
 * From the second failure of a pair on, each attempt is delayed (250 ms … 2 s).
 * Unknown accounts are counted like known ones, so the lockout does not tell which exist.
 *
 * Exact across instances: an attempt is counted *before* its password is checked, in one
 * short transaction that takes a transaction-level advisory lock per key (account, IP),
 * counts and inserts its failure row; a success deletes it again (with the pair's other
 * failures), a refusal inserts nothing. So N parallel guesses from any number of
 * instances find N-1, N-2 … rows already there, and the sixth is refused. A process that
 * dies mid-attempt leaves its row: counted as a failure, the safe side.
 */

/** Each surface counts on its own: API token login, dashboard sign-in, and the password re-entered to reveal a secret. */
export type Surface = "api" | "dashboard" | "reveal";

export interface AttemptKeys {
  /** The account as the surface names it: `tenantId:username` for the API, an e-mail for the dashboard. */
  account: string;
  /** The client IP (null: unknown, one shared bucket). */
  ip: string | null;
}

export const PAIR_MAX_FAILURES = 5;
export const PAIR_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_MAX_FAILURES = 50;
export const ACCOUNT_WINDOW_MS = 5 * 60_000;
export const IP_WINDOW_MS = 15 * 60_000;
/** How long a successful address stays exempt from the account-wide and per-IP locks. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;
const MAX_DELAY_MS = 2_000;
const SWEEP_EVERY_MS = 60_000;

// Namespace of our advisory locks ("lt" in ASCII); the second key is a hash of the bucket.
const LOCK_NAMESPACE = 0x6c74;
// The database's clock, shared by every instance, as UTC like Prisma's DateTime columns.
const NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;
const epochMs = (expression: string) => `(extract(epoch FROM ${expression}) * 1000)::float8`;

const maxFailuresPerIp = (surface: Surface) => (surface === "api" ? env().LOGIN_MAX_FAILURES_PER_IP : env().SIGN_IN_MAX_FAILURES_PER_IP);

/** What stopped an attempt: the caller answers 429 (or the form's message) with Retry-After. */
export interface Refusal {
  refused: true;
  /** Seconds until an attempt from this address would be counted again. */
  retryAfter: number;
  /** Which limit: for the activity log, never shown to the client. */
  limit: "pair" | "account" | "ip";
}

/** An attempt that was let through and is counted as a failure until told otherwise. */
export interface Attempt {
  refused: false;
  /** Failures of this (account, IP) pair before this one: what the delay grows with. */
  pairFailures: number;
  /** The password was right: clear the pair's failures and remember the address. */
  succeeded(): Promise<void>;
  /** Neither a failure nor a success (the right password of a deactivated API user): uncount it. */
  withdrawn(): Promise<void>;
}

export interface LoginThrottle {
  begin(surface: Surface, keys: AttemptKeys): Promise<Refusal | Attempt>;
}

/** FNV-1a as a signed 32-bit integer: the per-bucket half of the advisory lock key. */
function lockKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** The stored keys of an attempt: the surface as a prefix, lengths bounded. */
export function bucketKeys(surface: Surface, keys: AttemptKeys): { account: string; ip: string } {
  return { account: `${surface}:${keys.account.toLowerCase().slice(0, 300)}`, ip: `${surface}:${(keys.ip ?? "unknown").slice(0, 64)}` };
}

/** Seconds until fewer than `max` of these times (epoch ms, ascending) are inside the window. */
function secondsUntilBelow(times: number[], max: number, windowMs: number, now: number): number | null {
  if (times.length < max) return null;
  const leaves = (times[times.length - max] ?? now) + windowMs;
  return Math.max(1, Math.ceil((leaves - now) / 1000));
}

interface Counted {
  now: number;
  /** The account's failures (epoch ms, ascending) in the longest window, with their IPs. */
  account: { at: number; ip: string }[];
  /** The IP's failures in its window, across accounts. */
  ip: number[];
  known: boolean;
}

async function count(tx: Omit<SqlSession, "transaction">, account: string, ip: string): Promise<Counted> {
  const longest = Math.max(PAIR_WINDOW_MS, ACCOUNT_WINDOW_MS);
  const [clock] = await tx.query<{ now: number }>(`SELECT ${epochMs(NOW)} AS now`);
  const accountRows = await tx.query<{ at: number; ip: string }>(
    `SELECT ${epochMs('"at"')} AS at, "ip" FROM "LoginFailure"
     WHERE "account" = $1 AND "at" > ${NOW} - make_interval(secs => $2::float8 / 1000) ORDER BY "at"`,
    [account, longest],
  );
  const ipRows = await tx.query<{ at: number }>(
    `SELECT ${epochMs('"at"')} AS at FROM "LoginFailure"
     WHERE "ip" = $1 AND "at" > ${NOW} - make_interval(secs => $2::float8 / 1000) ORDER BY "at"`,
    [ip, IP_WINDOW_MS],
  );
  const [known] = await tx.query<{ known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "LoginAddress" WHERE "account" = $1 AND "ip" = $2
       AND "lastSuccessAt" > ${NOW} - make_interval(secs => $3::float8 / 1000)) AS known`,
    [account, ip, KNOWN_ADDRESS_MS],
  );
  return {
    now: Number(clock?.now ?? Date.now()),
    account: accountRows.map((row) => ({ at: Number(row.at), ip: row.ip })),
    ip: ipRows.map((row) => Number(row.at)),
    known: known?.known ?? false,
  };
}

/** The first limit the attempt is over, if any, with the longest wait among them. */
function refusal(counted: Counted, ip: string, ipMax: number): Refusal | null {
  const { now } = counted;
  const pair = counted.account.filter((f) => f.ip === ip && f.at > now - PAIR_WINDOW_MS).map((f) => f.at);
  const account = counted.account.filter((f) => f.at > now - ACCOUNT_WINDOW_MS).map((f) => f.at);
  const waits: [Refusal["limit"], number | null][] = [
    ["pair", secondsUntilBelow(pair, PAIR_MAX_FAILURES, PAIR_WINDOW_MS, now)],
    // A known address is throttled by its own failures only.
    ["account", counted.known ? null : secondsUntilBelow(account, ACCOUNT_MAX_FAILURES, ACCOUNT_WINDOW_MS, now)],
    ["ip", counted.known ? null : secondsUntilBelow(counted.ip, ipMax, IP_WINDOW_MS, now)],
  ];
  let worst: Refusal | null = null;
  for (const [limit, wait] of waits) {
    if (wait !== null && (!worst || wait > worst.retryAfter)) worst = { refused: true, retryAfter: wait, limit };
  }
  return worst;
}

/** The throttle over a database (the app's, or a test's second instance). */
export function createLoginThrottle(driver: () => Promise<SqlDriver>): LoginThrottle {
  let lastSweep = 0;

  async function sweep(d: SqlDriver) {
    lastSweep = Date.now();
    await d.withSession((s) =>
      s.exec(
        `DELETE FROM "LoginFailure" WHERE "at" <= ${NOW} - interval '${Math.max(PAIR_WINDOW_MS, ACCOUNT_WINDOW_MS, IP_WINDOW_MS) / 1000} seconds';
         DELETE FROM "LoginAddress" WHERE "lastSuccessAt" <= ${NOW} - interval '${KNOWN_ADDRESS_MS / 1000} seconds'`,
      ),
    );
  }

  return {
    async begin(surface, keys) {
      const { account, ip } = bucketKeys(surface, keys);
      const d = await driver();
      const ipMax = maxFailuresPerIp(surface);
      const outcome = await d.withSession((session) =>
        session.transaction(async (tx) => {
          // Both keys, in one order everywhere, so two attempts never wait on each other crosswise.
          for (const lock of [...new Set([lockKey(account), lockKey(ip)])].sort((a, b) => a - b)) {
            await tx.query(`SELECT 1 FROM (SELECT pg_advisory_xact_lock($1::int, $2::int)) AS locked`, [LOCK_NAMESPACE, lock]);
          }
          const counted = await count(tx, account, ip);
          const refused = refusal(counted, ip, ipMax);
          if (refused) return refused;
          const [row] = await tx.query<{ id: string }>(
            `INSERT INTO "LoginFailure" ("account", "ip", "at") VALUES ($1, $2, ${NOW}) RETURNING "id"::text AS id`,
            [account, ip],
          );
          const pairFailures = counted.account.filter((f) => f.ip === ip && f.at > counted.now - PAIR_WINDOW_MS).length;
          return { id: String(row?.id), pairFailures };
        }),
      );
      if (Date.now() - lastSweep > SWEEP_EVERY_MS)
        void sweep(d).catch((error: unknown) => console.error("sign-in throttle sweep failed", error));
      if ("refused" in outcome) return outcome;
      return {
        refused: false,
        pairFailures: outcome.pairFailures,
        async succeeded() {
          await d.withSession((s) =>
            s.transaction(async (tx) => {
              await tx.query(`DELETE FROM "LoginFailure" WHERE "account" = $1 AND "ip" = $2`, [account, ip]);
              await tx.query(
                `INSERT INTO "LoginAddress" ("account", "ip", "lastSuccessAt") VALUES ($1, $2, ${NOW})
                 ON CONFLICT ("account", "ip") DO UPDATE SET "lastSuccessAt" = EXCLUDED."lastSuccessAt"`,
                [account, ip],
              );
            }),
          );
        },
        async withdrawn() {
          await d.withSession((s) => s.query(`DELETE FROM "LoginFailure" WHERE "id" = $1::bigint`, [outcome.id]));
        },
      };
    },
  };
}

let app: LoginThrottle | undefined;

/**
 * The app's throttle: on the app's database (opened on first use), or on Redis when the
 * rate limits are kept there (RATE_LIMIT_STORE=redis, login-throttle-redis.ts). While Redis
 * cannot be reached, attempts are counted in the database instead (still exact across
 * instances), so sign-in keeps working and keeps being throttled.
 */
export function loginThrottle(): LoginThrottle {
  if (app) return app;
  const inDatabase = createLoginThrottle(async () => (await database()).driver);
  const { RATE_LIMIT_STORE, REDIS_URL, REDIS_KEY_PREFIX } = env();
  if (RATE_LIMIT_STORE !== "redis" || !REDIS_URL) return (app = inDatabase);
  const redis = createRedisLoginThrottle(REDIS_URL, { prefix: REDIS_KEY_PREFIX, maxFailuresPerIp });
  onShutdown(() => redis.close());
  return (app = withFallback(redis, inDatabase));
}

/** `primary` unless it throws (Redis unreachable): then `fallback`, logged once per LOG_EVERY_MS. */
function withFallback(primary: LoginThrottle, fallback: LoginThrottle): LoginThrottle {
  let loggedAt = 0;
  const log = (error: unknown) => {
    if (Date.now() - loggedAt < 10_000) return;
    loggedAt = Date.now();
    console.warn(`sign-in throttle: Redis unreachable (${(error as Error).message}); counting in the database meanwhile`);
  };
  return {
    async begin(surface, keys) {
      let attempt: Refusal | Attempt;
      try {
        attempt = await primary.begin(surface, keys);
      } catch (error) {
        log(error);
        return fallback.begin(surface, keys);
      }
      if (attempt.refused) return attempt;
      const counted = attempt;
      // A failure left behind because Redis went away meanwhile counts as a failure: the safe side.
      return {
        ...counted,
        succeeded: () => counted.succeeded().catch(log),
        withdrawn: () => counted.withdrawn().catch(log),
      };
    },
  };
}

/** 0 for the first two attempts, then 250 ms, 500 ms, 1 s, capped at 2 s. */
export function delayAfter(failures: number): number {
  return failures < 2 ? 0 : Math.min(MAX_DELAY_MS, 250 * 2 ** (failures - 2));
}

export const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/server/env";

/**
 * Slows and then refuses repeated failed sign-ins, for the API's token login and the
 * dashboard's alike. Failures are rows in LoginFailure under two keys: the account (a
 * username within its tenant, or a member's e-mail) and the client IP. From the second
 * failure on each attempt is delayed; at the threshold the key is refused until its
 * oldest failure leaves the window. Unknown accounts are counted like known ones, so the
 * lockout does not tell which exist.
 */

export interface ThrottleKeys {
  user: string;
  ip: string;
}

export const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_USERNAME = 5;
/** High enough that a test suite or an office behind one NAT does not lock itself out. */
const maxFailuresPerIp = () => env().LOGIN_MAX_FAILURES_PER_IP;
const MAX_DELAY_MS = 2_000;

/** How many recent failures each key has, and for how many seconds it is refused (null: not). */
export async function recentFailures(keys: ThrottleKeys) {
  const prisma = await db();
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const groups = await prisma.loginFailure.groupBy({
    by: ["key"],
    where: { key: { in: [keys.user, keys.ip] }, at: { gt: since } },
    _count: { _all: true },
    _min: { at: true },
  });
  const of = (key: string) => groups.find((g) => g.key === key);
  const user = of(keys.user)?._count._all ?? 0;
  const ip = of(keys.ip)?._count._all ?? 0;
  const refusedUntil = [
    user >= MAX_FAILURES_PER_USERNAME ? of(keys.user)?._min.at : undefined,
    ip >= maxFailuresPerIp() ? of(keys.ip)?._min.at : undefined,
  ]
    .filter((at): at is Date => at instanceof Date)
    .map((at) => at.getTime() + LOGIN_WINDOW_MS);
  const until = refusedUntil.length ? Math.max(...refusedUntil) : null;
  return { user, ip, refusedFor: until === null ? null : Math.max(1, Math.ceil((until - Date.now()) / 1000)) };
}

/** 0 for the first two attempts, then 250 ms, 500 ms, 1 s, capped at 2 s. */
export function delayAfter(failures: number): number {
  return failures < 2 ? 0 : Math.min(MAX_DELAY_MS, 250 * 2 ** (failures - 2));
}

/** Counts one failure against both keys (and drops their failures older than the window). */
export async function recordFailure(keys: ThrottleKeys): Promise<void> {
  const prisma = await db();
  await prisma.$transaction([
    prisma.loginFailure.deleteMany({ where: { key: { in: [keys.user, keys.ip] }, at: { lte: new Date(Date.now() - LOGIN_WINDOW_MS) } } }),
    prisma.loginFailure.createMany({ data: [{ key: keys.user }, { key: keys.ip }] }),
  ]);
}

/** A successful sign-in forgives the account's failures (not the IP's). */
export async function forgetFailures(key: string): Promise<void> {
  const prisma = await db();
  await prisma.loginFailure.deleteMany({ where: { key } });
}

export const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

const queues = new Map<string, Promise<unknown>>();

/** Runs attempts for one key one at a time in this process, so parallel guesses are all counted. */
export function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(fn);
  queues.set(key, next);
  void next
    .catch(() => undefined)
    .finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  return next;
}

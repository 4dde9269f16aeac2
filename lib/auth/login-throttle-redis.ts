import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { ensureConnected, redisClient } from "@/lib/rate-limit/redis";
import {
  ACCOUNT_MAX_FAILURES,
  ACCOUNT_WINDOW_MS,
  bucketKeys,
  IP_WINDOW_MS,
  KNOWN_ADDRESS_MS,
  PAIR_MAX_FAILURES,
  PAIR_WINDOW_MS,
  type Attempt,
  type LoginThrottle,
  type Refusal,
  type Surface,
} from "./login-throttle";

/**
 * The sign-in throttle of login-throttle.ts on the Redis store (RATE_LIMIT_STORE=redis): the
 * same three limits, delays and exemptions, exact across instances because each step is one
 * Lua script (Redis runs one at a time). A failure is a member of two sorted sets scored by
 * Redis's clock: the account's (`ip \n id`) and the address's (`account \n id`); a known
 * address is a key that expires after KNOWN_ADDRESS_MS.
 */
const BEGIN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ip, account, id = ARGV[1], ARGV[2], ARGV[3]
local pairMax, pairWin, accountMax, accountWin, ipMax, ipWin = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local longest = math.max(pairWin, accountWin)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ipWin)
local pair, acct, ips = {}, {}, {}
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #entries, 2 do
  local at = tonumber(entries[i + 1])
  if string.sub(entries[i], 1, #ip + 1) == ip .. '\\n' and at > now - pairWin then table.insert(pair, at) end
  if at > now - accountWin then table.insert(acct, at) end
end
local ipEntries = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 2, #ipEntries, 2 do table.insert(ips, tonumber(ipEntries[i])) end
local known = redis.call('EXISTS', KEYS[3]) == 1
local function wait(times, max, win)
  if #times < max then return nil end
  return math.max(1, math.ceil((times[#times - max + 1] + win - now) / 1000))
end
local worst, limit = nil, nil
local waits = { { 'pair', wait(pair, pairMax, pairWin) } }
if not known then
  table.insert(waits, { 'account', wait(acct, accountMax, accountWin) })
  table.insert(waits, { 'ip', wait(ips, ipMax, ipWin) })
end
for _, w in ipairs(waits) do
  if w[2] and (not worst or w[2] > worst) then worst, limit = w[2], w[1] end
end
if worst then return { 1, worst, limit } end
redis.call('ZADD', KEYS[1], now, ip .. '\\n' .. id)
redis.call('PEXPIRE', KEYS[1], longest)
redis.call('ZADD', KEYS[2], now, account .. '\\n' .. id)
redis.call('PEXPIRE', KEYS[2], ipWin)
return { 0, #pair, '' }`;

// Clears the pair's failures (from both sets) and remembers the address.
const SUCCEEDED = `
local ip, account = ARGV[1], ARGV[2]
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(member, 1, #ip + 1) == ip .. '\\n' then redis.call('ZREM', KEYS[1], member) end
end
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if string.sub(member, 1, #account + 1) == account .. '\\n' then redis.call('ZREM', KEYS[2], member) end
end
redis.call('SET', KEYS[3], '1', 'PX', ARGV[3])
return 1`;

type Scripted = Redis & {
  courierLoginBegin(...args: (string | number)[]): Promise<[number, number, string]>;
  courierLoginSucceeded(...args: (string | number)[]): Promise<number>;
};

export function createRedisLoginThrottle(
  url: string,
  options: { prefix?: string; maxFailuresPerIp: (surface: Surface) => number },
): LoginThrottle & { close(): Promise<void> } {
  const client = redisClient(url) as Scripted;
  client.defineCommand("courierLoginBegin", { numberOfKeys: 3, lua: BEGIN });
  client.defineCommand("courierLoginSucceeded", { numberOfKeys: 3, lua: SUCCEEDED });
  const prefix = options.prefix ?? "courier:";

  return {
    async begin(surface, keys): Promise<Refusal | Attempt> {
      const { account, ip } = bucketKeys(surface, keys);
      const redisKeys = [`${prefix}lt:a:${account}`, `${prefix}lt:i:${ip}`, `${prefix}lt:k:${account}\n${ip}`];
      const id = randomUUID();
      await ensureConnected(client);
      const [refused, value, limit] = await client.courierLoginBegin(
        ...redisKeys,
        ip,
        account,
        id,
        PAIR_MAX_FAILURES,
        PAIR_WINDOW_MS,
        ACCOUNT_MAX_FAILURES,
        ACCOUNT_WINDOW_MS,
        options.maxFailuresPerIp(surface),
        IP_WINDOW_MS,
      );
      if (refused === 1) return { refused: true, retryAfter: Number(value), limit: limit as Refusal["limit"] };
      return {
        refused: false,
        pairFailures: Number(value),
        async succeeded() {
          await client.courierLoginSucceeded(...redisKeys, ip, account, KNOWN_ADDRESS_MS);
        },
        async withdrawn() {
          await client.multi().zrem(redisKeys[0]!, `${ip}\n${id}`).zrem(redisKeys[1]!, `${account}\n${id}`).exec();
        },
      };
    },
    async close() {
      client.disconnect();
    },
  };
}

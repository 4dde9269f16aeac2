import { OPERATIONS, operations, type ApiOperation } from "@/lib/api/operations";
import { requestExample } from "@/lib/api/openapi";

/**
 * Random requests against the operation catalogue, reproducible from a seed (e2e/fuzz.spec.ts):
 * mostly well-aimed (the right method and path, a valid token, the documented body) with one
 * or two things wrong, because a request that is wrong everywhere is refused at the first
 * step and tests nothing behind it.
 */

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Sent as is: not always JSON. */
  body?: string;
}

/** What the generator aims with: valid credentials and objects that exist. */
export interface FuzzTargets {
  tokens: string[];
  clientIds: string[];
  awbs: string[];
  pickupIds: string[];
  webhookEndpointIds: string[];
}

/** mulberry32: small, fast and good enough to pick cases; the same seed gives the same run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Logging in with wrong passwords would lock the fixture users (and the address) out for every
// other spec, and revoking would end the fuzzer's own token: those two are left to their specs.
const AIMED = OPERATIONS.filter((op) => op !== operations.issueToken && op !== operations.revokeToken);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

const ODD_STRINGS = [
  "",
  " ",
  "null",
  "0",
  "-1",
  "1e309",
  "NaN",
  "true",
  "[]",
  "{}",
  "%00",
  "%",
  "%zz",
  "..%2F..%2Fetc%2Fpasswd",
  "' OR 1=1 --",
  "\u0000",
  "\ud800",
  "😀".repeat(50),
  "ß".repeat(300),
  "a".repeat(5000),
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "CC-" + "9".repeat(80),
  "2026-02-30",
  "9999-12-31T23:59:59Z",
  "http://169.254.169.254/latest/meta-data",
  "https://example.com/hook",
];

export function createFuzzer(seed: number, targets: FuzzTargets) {
  const next = random(seed);
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const now = new Date();

  function oddValue(depth = 0): unknown {
    switch (Math.floor(next() * 10)) {
      case 0:
        return null;
      case 1:
        return pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.MAX_SAFE_INTEGER + 2]);
      case 2:
        return pick([true, false]);
      case 3:
        return depth < 3 ? [oddValue(depth + 1), oddValue(depth + 1)] : [];
      case 4:
        return depth < 3 ? { [pick(ODD_STRINGS).slice(0, 40) || "k"]: oddValue(depth + 1) } : {};
      default:
        return pick(ODD_STRINGS);
    }
  }

  /** The example with one or two of its fields (at any depth) dropped, retyped or added. */
  function mutate(value: unknown, depth = 0): unknown {
    if (Array.isArray(value)) {
      if (chance(0.15)) return pick([[], Array.from({ length: 200 }, () => value[0]), oddValue()]);
      return value.map((item) => (chance(0.3) ? mutate(item, depth + 1) : item));
    }
    if (value && typeof value === "object") {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      if (keys.length && chance(0.25)) delete copy[pick(keys)];
      if (keys.length && chance(0.4)) {
        const key = pick(keys);
        copy[key] = chance(0.5) ? oddValue() : mutate(copy[key], depth + 1);
      }
      if (chance(0.1)) copy[pick(ODD_STRINGS).slice(0, 30) || "extra"] = oddValue();
      if (chance(0.05)) copy["__proto__"] = { polluted: true };
      return copy;
    }
    return chance(0.5) ? oddValue() : value;
  }

  function body(op: ApiOperation): string | undefined {
    const example = requestExample(op, now);
    const roll = next();
    if (roll < 0.05) return "{";
    if (roll < 0.08) return "";
    if (roll < 0.1) return JSON.stringify(Array.from({ length: 2000 }).reduce<unknown>((inner) => ({ a: inner }), 1));
    if (roll < 0.12) return "x".repeat(200_000);
    if (example === undefined) return chance(0.8) ? undefined : JSON.stringify(oddValue());
    return JSON.stringify(chance(0.2) ? example : mutate(example));
  }

  /** A path segment: an odd string encoded, or now and then a raw escape that is itself malformed. */
  function segment(): string {
    if (chance(0.1)) return pick(["%", "%zz", "%00", "%c0%af", "..", "%2e%2e", ";x=1"]);
    return encodeURIComponent(pick(ODD_STRINGS).toWellFormed()) || "x";
  }

  function pathOf(op: ApiOperation): string {
    const filled = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const known = name === "awb" ? targets.awbs : op.path.startsWith("/v1/pickups") ? targets.pickupIds : targets.webhookEndpointIds;
      if (chance(0.6) && known.length) return pick(known);
      return segment();
    });
    const base = chance(0.5) ? `/api${filled}` : filled;
    if (chance(0.05)) return `${base}/${segment()}`;
    if (!op.query || chance(0.5)) return base;
    const query = new URLSearchParams();
    for (const key of Object.keys(op.query.shape)) {
      if (chance(0.4)) query.append(key, String(oddValue()));
      if (chance(0.05)) query.append(key, String(oddValue()));
    }
    if (chance(0.1)) query.append(pick(ODD_STRINGS) || "q", pick(ODD_STRINGS));
    return `${base}?${query}`;
  }

  /** A header can carry only visible ASCII here: the client refuses to send the rest. */
  const printable = (value: string) => value.replace(/[^\x20-\x7e]/g, "?").slice(0, 400);

  function headers(op: ApiOperation, sent: string | undefined): Record<string, string> {
    const h: Record<string, string> = {};
    if (op.auth === "token" || chance(0.1)) {
      const token = pick(targets.tokens);
      const roll = next();
      if (roll < 0.8) h.Authorization = `Bearer ${token}`;
      else if (roll < 0.85) h["X-Api-Key"] = token;
      else if (roll < 0.9) h.Authorization = `Bearer ${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
      else if (roll < 0.95)
        h.Authorization = printable(pick(["Bearer", "Basic dXNlcjpwYXNz", `Bearer ${pick(ODD_STRINGS)}`, "Bearer a b"]));
    }
    const roll = next();
    if (roll < 0.85) h["X-Tenant"] = pick(targets.clientIds);
    else if (roll < 0.95) h["X-Tenant"] = printable(pick(ODD_STRINGS));
    if (sent !== undefined)
      h["Content-Type"] = chance(0.9) ? "application/json" : pick(["text/plain", "application/x-www-form-urlencoded", ""]);
    if (op.idempotent && chance(0.3)) h["Idempotency-Key"] = chance(0.8) ? `fuzz-${Math.floor(next() * 50)}` : printable(pick(ODD_STRINGS));
    return h;
  }

  return (): FuzzRequest => {
    const op = pick(AIMED);
    const method = chance(0.9) ? op.method : pick(METHODS);
    const sent = method === "GET" || method === "HEAD" ? undefined : body(op);
    return { method, path: pathOf(op), headers: headers(op, sent), body: sent };
  };
}

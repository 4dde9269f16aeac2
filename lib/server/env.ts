import "server-only";
import { z } from "zod";

/**
 * The app's configuration: every environment variable the app reads, validated once.
 * Nothing else reads process.env for these (README, "Variables", lists them with what they
 * mean). Parsed on first use, not at import: `next build` imports every module and must
 * neither fail on the build machine's environment nor create anything. instrumentation.ts
 * calls checkEnv() when the server starts, so a bad value stops it before it serves.
 *
 * Not here: NEXT_RUNTIME (Next's own), NEXT_DIST_DIR (read by next.config.ts, which runs
 * outside the app), and the variables only tests and scripts read (TEST_DATABASE_URL,
 * E2E_PORT, CHROMIUM_PATH, CI, BENCH_*).
 */

/** More than this would make a test-mode minute shorter than a request: a typo, not a choice. */
export const MAX_TEST_TIME_SCALE = 600;

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];
const flag = z
  .string()
  .transform((value) => value.toLowerCase())
  .refine((value) => TRUE.includes(value) || FALSE.includes(value), `must be one of ${[...TRUE, ...FALSE].join(", ")}`)
  .transform((value) => TRUE.includes(value));

/** A key id of the secrets door: it is written into every ciphertext, between dots. */
export const SECRET_KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * `id:base64,id:base64` (or one per line, as in DATA_DIR/secret-keys) → key id → 32-byte
 * key; a string says what is wrong, naming the key id but never the key.
 */
export function parseSecretKeys(value: string): Map<string, Buffer> | string {
  const keys = new Map<string, Buffer>();
  for (const entry of value
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(":");
    const id = colon < 0 ? "" : entry.slice(0, colon);
    if (!SECRET_KEY_ID.test(id)) return "must be keyId:base64key entries separated by commas (key id: letters, digits, _ and -)";
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, "base64");
    if (!/^[A-Za-z0-9+/_-]+=*$/.test(encoded) || key.length !== 32) {
      return `key ${id} must be 32 bytes in base64 (openssl rand -base64 32), got ${key.length} bytes`;
    }
    if (keys.has(id)) return `key id ${id} appears twice`;
    keys.set(id, key);
  }
  return keys.size ? keys : "must hold at least one keyId:base64key";
}

const DURATION_UNITS: Record<string, number> = { "": 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `0,5s,5m,30m,2h` → milliseconds; a string says what is wrong. */
export function parseDurations(value: string): number[] | string {
  const parts = value.split(",").map((part) => part.trim());
  const ms: number[] = [];
  for (const part of parts) {
    const match = /^(\d+)(ms|s|m|h|d)?$/.exec(part);
    if (!match) return `must be durations separated by commas, such as 0,5s,5m,2h (got an entry ${JSON.stringify(part)})`;
    ms.push(Number(match[1]) * (DURATION_UNITS[match[2] ?? ""] ?? 1));
  }
  return ms;
}

const EnvSchema = z
  .object({
    // Set by Next (production for `next start`/server.mjs) and Vitest, not by hand.
    NODE_ENV: z.string().default("development"),
    /** Read by server.mjs before the app loads; validated here so a bad value stops the start. */
    PORT: wholeNumber(1, 65_535).default(3000),
    HOST: z.string().default("0.0.0.0"),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATABASE_POOL_SIZE: wholeNumber(1).default(10),
    PGLITE_DIR: z.string().default("./data/pglite"),
    DATA_DIR: z.string().default("./data"),

    NEXTAUTH_SECRET: z.string().optional(),
    /**
     * The app's public URL, the one setting next-auth reads too (so the two never disagree).
     * https:// turns on HTTPS only (lib/server/request-ip.ts): plain-HTTP API requests are
     * refused, pages redirect, HSTS is sent and session cookies are Secure.
     */
    NEXTAUTH_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
    TRUST_PROXY: flag.default(false),
    /** PEM files: server.mjs serves TLS itself (https.createServer) when both are set. */
    TLS_CERT_FILE: z.string().optional(),
    TLS_KEY_FILE: z.string().optional(),

    RATE_LIMIT_STORE: z.enum(["memory", "postgres", "redis"], "must be memory, postgres or redis").optional(),
    /** redis://[user:password@]host:port[/db]: the rate-limit and sign-in throttle store when RATE_LIMIT_STORE=redis. */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    /** Prefix of every key the app writes in Redis, so several apps (or test runs) can share one server. */
    REDIS_KEY_PREFIX: z.string().max(100).default("courier:"),
    RATE_LIMIT_POOL_SIZE: wholeNumber(1).default(5),
    API_TOKEN_CACHE_MS: wholeNumber(0).default(60_000),
    /** Where the secret scanner's public keys are published (POST /v1/secret-scanning/report verifies its signatures with them). */
    SECRET_SCANNING_KEYS_URL: z
      .string()
      .regex(/^https?:\/\/\S+$/, "must be an http:// or https:// URL")
      .default("https://api.github.com/meta/public_keys/secret_scanning"),
    /** smtp://[user:password@]host:port or smtps://…: invitations are e-mailed through it (lib/mail); unset, the inviter sends the link. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    /** The From of the app's e-mail. */
    MAIL_FROM: z.string().min(3).max(200).default("Courier Console <no-reply@courier-console.invalid>"),
    /** Failed token logins (POST /v1/auth/token) per IP in 15 minutes (lib/auth/login-throttle.ts). */
    LOGIN_MAX_FAILURES_PER_IP: wholeNumber(1).default(50),
    /** Failed dashboard sign-ins per IP in 15 minutes: a bucket of its own, apart from the API's. */
    SIGN_IN_MAX_FAILURES_PER_IP: wholeNumber(1).default(30),

    /**
     * Keys of the secrets door (lib/secrets): `keyId:base64key,...`, each key 32 bytes.
     * Unset on the embedded default: one key is generated into DATA_DIR/secret-keys.
     */
    SECRET_KEYS: z
      .string()
      .transform((value, ctx) => {
        const keys = parseSecretKeys(value);
        if (typeof keys === "string") {
          ctx.addIssue({ code: "custom", message: keys });
          return z.NEVER;
        }
        return keys;
      })
      .optional(),
    /** The key id new secrets are encrypted under; optional when SECRET_KEYS holds one key. */
    SECRET_KEY_CURRENT: z.string().regex(SECRET_KEY_ID, "must be a key id (letters, digits, _ and -, at most 32)").optional(),

    /**
     * Read by server.mjs: after SIGTERM, how long requests in flight, the handlers of clients
     * that hung up and the final activity flush may take in all before the process exits.
     */
    SHUTDOWN_GRACE_MS: wholeNumber(1000, 600_000).default(10_000),
    /**
     * Activity records held in memory while the database cannot take them
     * (lib/api/activity-queue.ts); at this many the API answers 503 until they are written.
     */
    ACTIVITY_QUEUE_MAX: wholeNumber(1000).default(100_000),

    /** Test-mode time per real time (lib/couriers/test-clock.ts); the e2e server sets 10. */
    TEST_MODE_TIME_SCALE: z
      .string()
      .regex(/^\d+(\.\d+)?$/, "must be a number")
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(MAX_TEST_TIME_SCALE, `must be at most ${MAX_TEST_TIME_SCALE}`))
      .default(1),

    /** Webhooks (lib/webhooks): allow endpoints on private/loopback addresses and plain http://, for development and tests. */
    WEBHOOKS_ALLOW_PRIVATE: flag.default(false),
    /** The delay before each delivery attempt, the first included; past the last, a delivery has failed. */
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .transform((value, ctx) => {
        const ms = parseDurations(value);
        if (typeof ms === "string") {
          ctx.addIssue({ code: "custom", message: ms });
          return z.NEVER;
        }
        return ms;
      })
      .default([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]),
    /** How often the delivery worker looks for due deliveries, in milliseconds. */
    WEBHOOK_POLL_MS: wholeNumber(50, 60_000).default(1000),
  })
  .superRefine((parsed, ctx) => {
    const current = parsed.SECRET_KEY_CURRENT;
    if (current && !parsed.SECRET_KEYS) {
      ctx.addIssue({ code: "custom", path: ["SECRET_KEY_CURRENT"], message: "is set but SECRET_KEYS is not" });
    } else if (current && parsed.SECRET_KEYS && !parsed.SECRET_KEYS.has(current)) {
      ctx.addIssue({ code: "custom", path: ["SECRET_KEY_CURRENT"], message: "names no key of SECRET_KEYS" });
    } else if (!current && parsed.SECRET_KEYS && parsed.SECRET_KEYS.size > 1) {
      ctx.addIssue({ code: "custom", path: ["SECRET_KEY_CURRENT"], message: "must name the current key when SECRET_KEYS holds several" });
    }
    if (parsed.RATE_LIMIT_STORE === "redis" && !parsed.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "must be set when RATE_LIMIT_STORE is redis" });
    }
    // A link in an e-mail is built from the configured public URL, never from a request's Host.
    if (parsed.SMTP_URL && !parsed.NEXTAUTH_URL) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "must be set when SMTP_URL is (e-mailed links point to it)" });
    }
    if (!parsed.TLS_CERT_FILE !== !parsed.TLS_KEY_FILE) {
      ctx.addIssue({ code: "custom", path: ["TLS_CERT_FILE"], message: "and TLS_KEY_FILE must be set together (or neither)" });
    }
  })
  .transform((parsed) => ({
    ...parsed,
    // One process by nature on PGlite; several instances may share a PostgreSQL database.
    RATE_LIMIT_STORE: parsed.RATE_LIMIT_STORE ?? (parsed.DATABASE_URL ? "postgres" : "memory"),
  }));

export type Env = z.output<typeof EnvSchema>;

// Values that must not appear in an error message (a URL may carry a password).
const SECRET = new Set(["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "SECRET_KEYS", "REDIS_URL", "SMTP_URL"]);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates the given variables; an empty value counts as unset (`DATABASE_URL= npm start`). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "?");
    const got = SECRET.has(name) ? "" : ` (got ${JSON.stringify(input[name])})`;
    return `  ${name} ${issue.message}${got}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee the variable tables in README.md ("Variables", "Public API").`);
}

let current: Env | undefined;

/** The configuration, read from process.env on first use and kept for the life of the process. */
export function env(): Env {
  return (current ??= parseEnv(process.env));
}

/** Forgets the parsed configuration, for a test that changed process.env (vi.stubEnv). */
export function resetEnv(): void {
  current = undefined;
}

/** Called when the server starts: throws a ConfigError naming every bad variable. */
export function checkEnv(): void {
  env();
}

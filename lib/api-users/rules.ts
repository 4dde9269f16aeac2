import type { Environment } from "@prisma/client";
import { z } from "zod";
import { PermissionSchema } from "@/lib/credentials/permissions";
import type { PlainToken } from "@/lib/credentials/tokens";
import { DEFAULT_RATE_LIMIT } from "@/lib/rate-limit/window";

/**
 * The rules of API users and their tokens: field schemas, choices and limits. No database
 * and no secrets here, so server actions, client components and the API share one copy.
 */

/** Requests per rolling minute when an API user has no custom limit (the API's own constant). */
export { DEFAULT_RATE_LIMIT };
export const MIN_RATE_LIMIT = 1;
export const MAX_RATE_LIMIT = 100_000;

/** Where the member is working: the tenant and either one customer or the tenant-wide users (null). */
export interface ApiAccessScope {
  tenantId: string;
  customerId: string | null;
}

/** Who makes the change, for the activity log. */
export interface Actor {
  memberId: string;
  email: string;
  ip: string | null;
}

// Each rule's hint sits beside its schema, so the form's hint and the refusal change together.

export const USERNAME_HINT = "Letters, digits and . _ @ - only; no spaces.";
export const UsernameSchema = z
  .string()
  .min(1, "Enter a username.")
  .max(100, "At most 100 characters.")
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only (no spaces).");

const API_PASSWORD_MIN = 6;
export const API_PASSWORD_HINT = `At least ${API_PASSWORD_MIN} characters, no spaces.`;
export const ApiPasswordSchema = z
  .string()
  .min(1, "Enter a password.")
  .min(API_PASSWORD_MIN, `At least ${API_PASSWORD_MIN} characters.`)
  .max(200, "At most 200 characters.")
  .regex(/^\S+$/, "No spaces.");

const EmailSchema = z
  .string()
  .trim()
  .max(254, "At most 254 characters.")
  .refine((value) => value === "" || z.email().safeParse(value).success, "Enter a valid e-mail address.")
  .transform((value) => (value === "" ? null : value.toLowerCase()));

const PermissionsSchema = z.preprocess(
  (value) => value ?? [],
  z.array(PermissionSchema, { error: "Choose from the listed permissions." }).min(1, "Choose at least one permission."),
);

/** A token's environment as the forms send it ("live"), as stored (LIVE) and as shown (Live). */
export const ENVIRONMENTS = {
  live: { environment: "LIVE", label: "Live" },
  test: { environment: "TEST", label: "Test" },
} as const satisfies Record<string, { environment: Environment; label: string }>;
export type EnvironmentChoice = keyof typeof ENVIRONMENTS;
export const ENVIRONMENT_CHOICES = Object.keys(ENVIRONMENTS) as [EnvironmentChoice, ...EnvironmentChoice[]];
export const DEFAULT_ENVIRONMENT: EnvironmentChoice = "live";

export function environmentLabel(environment: Environment): string {
  return Object.values(ENVIRONMENTS).find((choice) => choice.environment === environment)?.label ?? environment;
}

/** The form value ("test") of a stored environment (TEST). */
export function environmentChoice(environment: Environment): EnvironmentChoice {
  return environment === "TEST" ? "test" : "live";
}

const EnvironmentSchema = z
  .enum(ENVIRONMENT_CHOICES, { error: "Choose live or test." })
  .default(DEFAULT_ENVIRONMENT)
  .transform((value): Environment => ENVIRONMENTS[value].environment);

/**
 * A token's optional name, from the dashboard's form and from POST /v1/auth/token alike:
 * blank means none (null). No control characters, because it is shown in tables and logs.
 */
export const TokenNameSchema = z
  .string()
  .trim()
  .max(80, "At most 80 characters.")
  .regex(/^[^\p{Cc}]*$/u, "No control characters.")
  .default("")
  .transform((value) => value || null);

/** The page's scope as its forms send it: a customer id, or "" for the tenant-wide users. */
const ScopeField = z
  .string()
  .max(64)
  .default("")
  .transform((value) => value || null);

const Id = z.string().min(1).max(64);

export const OVERLAPS = {
  now: { label: "Immediately", ms: 0 },
  "1h": { label: "After 1 hour", ms: 3_600_000 },
  "24h": { label: "After 24 hours", ms: 86_400_000 },
  "7d": { label: "After 7 days", ms: 7 * 86_400_000 },
} as const;
export type Overlap = keyof typeof OVERLAPS;
/** The rotation choices in the order the dialog lists them, and the one it preselects. */
export const OVERLAP_CHOICES = Object.keys(OVERLAPS) as [Overlap, ...Overlap[]];
export const DEFAULT_OVERLAP: Overlap = "1h";

/**
 * A new token's lifetime, chosen when it is created, generated or rotated: none, a number of
 * days, or a date (the token works through that day, UTC, and stops at the next midnight).
 * Nothing extends a token later: a new token is the way.
 */
export const EXPIRIES = {
  never: { label: "No expiry", days: null },
  "7d": { label: "7 days", days: 7 },
  "30d": { label: "30 days", days: 30 },
  "60d": { label: "60 days", days: 60 },
  "90d": { label: "90 days", days: 90 },
  date: { label: "On a date", days: null },
} as const;
export type ExpiryChoice = keyof typeof EXPIRIES;
export const EXPIRY_CHOICES = Object.keys(EXPIRIES) as [ExpiryChoice, ...ExpiryChoice[]];
export const DEFAULT_EXPIRY: ExpiryChoice = "never";
const DAY_MS = 86_400_000;
/** The furthest date a token may be given: about five years. */
export const MAX_EXPIRY_DAYS = 5 * 366;
/** A token that stops within this many days is flagged "expiring soon" and its responses carry a Warning. */
export const EXPIRING_SOON_DAYS = 7;
export const EXPIRING_SOON_MS = EXPIRING_SOON_DAYS * DAY_MS;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * When a token made now with this choice stops (null: never), or a message for the field.
 * A date is the last day the token works: it stops at the following midnight UTC.
 */
export function expiryOf(choice: ExpiryChoice, date: string, now = new Date()): { expiresAt: Date | null } | { error: string } {
  const days = EXPIRIES[choice].days;
  if (days !== null) return { expiresAt: new Date(now.getTime() + days * DAY_MS) };
  if (choice === "never") return { expiresAt: null };
  const match = ISO_DATE.exec(date.trim());
  if (!match) return { error: "Enter a date as YYYY-MM-DD." };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(Date.UTC(year, month - 1, day));
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) {
    return { error: "Enter a date that exists." };
  }
  const expiresAt = new Date(start.getTime() + DAY_MS);
  if (expiresAt.getTime() <= now.getTime()) return { error: "Choose today or a later date." };
  if (expiresAt.getTime() - now.getTime() > MAX_EXPIRY_DAYS * DAY_MS) return { error: "At most five years ahead." };
  return { expiresAt };
}

/** The expiry fields of a form (`expiry`, `expiryDate`) as `expiresAt`; a bad date is refused beside its field. */
function withExpiry<T extends { expiry: ExpiryChoice; expiryDate: string }>(value: T, ctx: z.RefinementCtx) {
  const result = expiryOf(value.expiry, value.expiryDate);
  if ("error" in result) {
    ctx.addIssue({ code: "custom", path: ["expiryDate"], message: result.error });
    return z.NEVER;
  }
  const { expiry: _choice, expiryDate: _date, ...rest } = value;
  return { ...rest, expiresAt: result.expiresAt };
}

const ExpiryFields = {
  expiry: z.enum(EXPIRY_CHOICES, { error: "Choose when the token expires." }).default(DEFAULT_EXPIRY),
  expiryDate: z.string().max(40).default(""),
};

/** Expires within EXPIRING_SOON_DAYS (and has not yet). */
export function isExpiringSoon(token: { expiresAt: Date | null }, now = new Date()): boolean {
  if (!token.expiresAt) return false;
  const left = token.expiresAt.getTime() - now.getTime();
  return left > 0 && left <= EXPIRING_SOON_MS;
}

export const CreateApiUserInput = z
  .object({
    scope: ScopeField,
    username: UsernameSchema,
    password: ApiPasswordSchema,
    email: EmailSchema.default(""),
    permissions: PermissionsSchema,
    environment: EnvironmentSchema,
    tokenName: TokenNameSchema,
    ...ExpiryFields,
  })
  .transform(withExpiry);

export const ApiUserRef = z.object({ scope: ScopeField, apiUserId: Id });
export const TokenRef = z.object({ scope: ScopeField, tokenId: Id });

export const UpdatePermissionsInput = ApiUserRef.extend({ permissions: PermissionsSchema });

export const UpdateRateLimitInput = ApiUserRef.extend({
  mode: z.enum(["default", "custom"], { error: "Choose default or custom." }),
  rateLimit: z.string().default(""),
}).transform((value, ctx) => {
  if (value.mode === "default") return { ...value, rateLimit: null };
  const n = Number(value.rateLimit);
  if (!/^\d+$/.test(value.rateLimit.trim()) || !Number.isInteger(n) || n < MIN_RATE_LIMIT || n > MAX_RATE_LIMIT) {
    ctx.addIssue({ code: "custom", path: ["rateLimit"], message: `A whole number from ${MIN_RATE_LIMIT} to ${MAX_RATE_LIMIT}.` });
    return z.NEVER;
  }
  return { ...value, rateLimit: n };
});

/** The allowlist as typed (one entry per line); lib/api-users/ip-allowlist.ts checks each entry on the server. */
export const UpdateIpAllowlistInput = ApiUserRef.extend({ ipAllowlist: z.string().max(20_000, "Too long.").default("") });
export const IP_ALLOWLIST_HINT =
  "One per line: IPv4 or IPv6 addresses and CIDR ranges (203.0.113.7, 10.0.0.0/8, 2001:db8::/32). Empty: any address.";

export const IssueTokenInput = ApiUserRef.extend({ name: TokenNameSchema, environment: EnvironmentSchema, ...ExpiryFields }).transform(
  withExpiry,
);

export const RenameTokenInput = TokenRef.extend({ name: TokenNameSchema });

export const RotateTokenInput = TokenRef.extend({
  overlap: z.enum(OVERLAP_CHOICES, { error: "Choose when the old token stops." }),
  ...ExpiryFields,
}).transform(withExpiry);

/** What the page makes of a form: the tenant from the session, the customer from the form. */
export function scopeOf(tenantId: string, input: { scope: string | null }): ApiAccessScope {
  return { tenantId, customerId: input.scope };
}

export type TokenStatus =
  | { kind: "active" }
  | { kind: "disabled"; at: Date }
  | { kind: "revoked"; at: Date }
  | { kind: "expires"; at: Date }
  | { kind: "expired"; at: Date };

/** Revoked and expired are for good; disabled comes back when enabled (and may expire meanwhile). */
export function tokenStatus(
  token: { revokedAt: Date | null; expiresAt: Date | null; disabledAt?: Date | null },
  now = new Date(),
): TokenStatus {
  if (token.revokedAt) return { kind: "revoked", at: token.revokedAt };
  if (token.expiresAt && token.expiresAt <= now) return { kind: "expired", at: token.expiresAt };
  if (token.disabledAt) return { kind: "disabled", at: token.disabledAt };
  if (token.expiresAt) return { kind: "expires", at: token.expiresAt };
  return { kind: "active" };
}

/** Gone for good: shown folded away in the "Revoked" group. */
export function isTokenGone(status: TokenStatus): boolean {
  return status.kind === "revoked" || status.kind === "expired";
}

/** The lists' query string: search, status filter, sort and the keyset cursor of the page. */
export const API_USER_SORTS = { last_used: "Last used", name: "Name" } as const;
export type ApiUserSort = keyof typeof API_USER_SORTS;
export const API_USER_STATUSES = { all: "All", active: "Active", inactive: "Inactive" } as const;
export const API_USER_PAGE_SIZE = 25;

export const ApiUserListQuery = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  status: z.enum(["all", "active", "inactive"]).catch("all").default("all"),
  sort: z.enum(["last_used", "name"]).catch("last_used").default("last_used"),
  after: z.string().max(200).optional().catch(undefined),
});
export type ApiUserListQueryInput = z.output<typeof ApiUserListQuery>;

/** A page's searchParams as the list's query: anything unexpected falls back to the default. */
export function parseApiUserListQuery(params: Record<string, string | string[] | undefined>): ApiUserListQueryInput {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return ApiUserListQuery.parse({ q: first(params.q), status: first(params.status), sort: first(params.sort), after: first(params.after) });
}

/** A new token: the plain text exists only in this value, on its way to the shown-once dialog. */
export interface IssuedToken {
  token: PlainToken;
  hint: string;
  environment: Environment;
  /** When it stops working; null: never. */
  expiresAt: Date | null;
}

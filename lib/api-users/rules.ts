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
export const MAX_RATE_LIMIT = 100_000;

/** Where the member is working: the tenant and either one customer or the tenant-wide users (null). */
export interface ApiAccessScope {
  tenantId: string;
  customerId: string | null;
}

/** Who makes the change, for the activity log (and, to delete, their own password check). */
export interface Actor {
  memberId: string;
  email: string;
  ip: string | null;
}


export const UsernameSchema = z
  .string()
  .min(1, "Enter a username.")
  .max(100, "At most 100 characters.")
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only (no spaces).");

export const ApiPasswordSchema = z
  .string()
  .min(1, "Enter a password.")
  .min(6, "At least 6 characters.")
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

const EnvironmentSchema = z
  .enum(["live", "test"], { error: "Choose live or test." })
  .default("live")
  .transform((value): Environment => (value === "live" ? "LIVE" : "TEST"));

const TokenNameSchema = z
  .string()
  .trim()
  .max(80, "At most 80 characters.")
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

export const CreateApiUserInput = z.object({
  scope: ScopeField,
  username: UsernameSchema,
  password: ApiPasswordSchema,
  email: EmailSchema.default(""),
  permissions: PermissionsSchema,
  environment: EnvironmentSchema,
});

export const ApiUserRef = z.object({ scope: ScopeField, apiUserId: Id });
export const TokenRef = z.object({ scope: ScopeField, tokenId: Id });

export const UpdatePermissionsInput = ApiUserRef.extend({ permissions: PermissionsSchema });

export const UpdateRateLimitInput = ApiUserRef.extend({
  mode: z.enum(["default", "custom"], { error: "Choose default or custom." }),
  rateLimit: z.string().default(""),
}).transform((value, ctx) => {
  if (value.mode === "default") return { ...value, rateLimit: null };
  const n = Number(value.rateLimit);
  if (!/^\d+$/.test(value.rateLimit.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_RATE_LIMIT) {
    ctx.addIssue({ code: "custom", path: ["rateLimit"], message: `A whole number from 1 to ${MAX_RATE_LIMIT}.` });
    return z.NEVER;
  }
  return { ...value, rateLimit: n };
});

export const IssueTokenInput = ApiUserRef.extend({ name: TokenNameSchema, environment: EnvironmentSchema });

export const RotateTokenInput = TokenRef.extend({
  overlap: z.enum(Object.keys(OVERLAPS) as [Overlap, ...Overlap[]], { error: "Choose when the old token stops." }),
});

export const DeleteApiUserInput = ApiUserRef.extend({ password: z.string().min(1, "Enter your password.").max(500) });

/** What the page makes of a form: the tenant from the session, the customer from the form. */
export function scopeOf(tenantId: string, input: { scope: string | null }): ApiAccessScope {
  return { tenantId, customerId: input.scope };
}


export type TokenStatus = { kind: "active" } | { kind: "revoked"; at: Date } | { kind: "expires"; at: Date } | { kind: "expired"; at: Date };

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): TokenStatus {
  if (token.revokedAt) return { kind: "revoked", at: token.revokedAt };
  if (token.expiresAt) return token.expiresAt > now ? { kind: "expires", at: token.expiresAt } : { kind: "expired", at: token.expiresAt };
  return { kind: "active" };
}


/** A new token: the plain text exists only in this value, on its way to the shown-once dialog. */
export interface IssuedToken {
  token: PlainToken;
  hint: string;
  environment: Environment;
}

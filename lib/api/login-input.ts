import { z } from "zod";
import {
  DEFAULT_ENVIRONMENT,
  DEFAULT_EXPIRY,
  ENVIRONMENT_CHOICES,
  EXPIRY_CHOICES,
  expiryOf,
  TokenNameSchema,
  UsernameSchema,
} from "@/lib/api-users/rules";

/**
 * The body of POST /v1/auth/token. Apart from lib/api/login.ts (server-only) so the
 * operation catalogue, which documents it, stays importable anywhere (e2e specs too).
 */
export const LoginInput = z
  .object({
    // The creation rule: a name that breaks it cannot exist, so saying so reveals nothing.
    username: UsernameSchema,
    password: z.string().min(1).max(1000),
    environment: z.enum(ENVIRONMENT_CHOICES).default(DEFAULT_ENVIRONMENT),
    // The dashboard's rule for a token's name: one rule wherever a token is named.
    name: TokenNameSchema,
    // The dashboard's expiry choices: none, 7/30/60/90 days, or "date" with expiry_date (the last day it works, UTC).
    expiry: z
      .enum(EXPIRY_CHOICES)
      .default(DEFAULT_EXPIRY)
      .meta({ description: "When the token stops: never, 7d, 30d, 60d, 90d, or date (then expiry_date)." }),
    expiry_date: z
      .string()
      .max(40)
      .default("")
      .meta({ description: 'With expiry "date": the last day the token works, YYYY-MM-DD (UTC); it stops at the following midnight.' }),
  })
  .transform((value, ctx) => {
    const result = expiryOf(value.expiry, value.expiry_date);
    if ("error" in result) {
      ctx.addIssue({ code: "custom", path: ["expiry_date"], message: result.error });
      return z.NEVER;
    }
    return { ...value, expiresAt: result.expiresAt };
  });

import { z } from "zod";
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_CHOICES, TokenNameSchema, UsernameSchema } from "@/lib/api-users/rules";

/**
 * The body of POST /v1/auth/token. Apart from lib/api/login.ts (server-only) so the
 * operation catalogue, which documents it, stays importable anywhere (e2e specs too).
 */
export const LoginInput = z.object({
  // The creation rule: a name that breaks it cannot exist, so saying so reveals nothing.
  username: UsernameSchema,
  password: z.string().min(1).max(1000),
  environment: z.enum(ENVIRONMENT_CHOICES).default(DEFAULT_ENVIRONMENT),
  // The dashboard's rule for a token's name: one rule wherever a token is named.
  name: TokenNameSchema,
});

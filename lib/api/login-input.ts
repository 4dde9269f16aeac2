import { z } from "zod";
import { UsernameSchema } from "@/lib/api-users/rules";

/**
 * The body of POST /v1/auth/token. Apart from lib/api/login.ts (server-only) so the
 * operation catalogue, which documents it, stays importable anywhere (e2e specs too).
 */
export const LoginInput = z.object({
  // The creation rule: a name that breaks it cannot exist, so saying so reveals nothing.
  username: UsernameSchema,
  password: z.string().min(1).max(1000),
  environment: z.enum(["live", "test"]).default("live"),
  name: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, "No control characters.")
    .optional(),
});

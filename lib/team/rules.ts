import { z } from "zod";
import type { Role } from "@prisma/client";

// Pure rules of the team: shared by lib/team, the server actions and the forms. No imports
// with side effects: client components read it.

export const ROLE_VALUES = ["OWNER", "ADMIN", "DEVELOPER", "READ_ONLY"] as const satisfies readonly Role[];

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/**
 * Sign-in accepts passwords of 1 to 200 characters (lib/auth/options.ts); a new one must
 * also be long enough to resist guessing and have no spaces at its ends, which a form would
 * not show.
 */
export const MEMBER_PASSWORD_MIN = 12;
export const MEMBER_PASSWORD_MAX = 200;
export const MEMBER_PASSWORD_HINT = `${MEMBER_PASSWORD_MIN} to ${MEMBER_PASSWORD_MAX} characters.`;
export const NewMemberPassword = z
  .string()
  .min(1, "Enter a password.")
  .min(MEMBER_PASSWORD_MIN, `At least ${MEMBER_PASSWORD_MIN} characters.`)
  .max(MEMBER_PASSWORD_MAX, `At most ${MEMBER_PASSWORD_MAX} characters.`)
  .refine((value) => value.trim() === value, "No spaces at the start or end.");

const Email = z.string().trim().toLowerCase().min(1, "Enter an e-mail address.").max(254).email("Enter a valid e-mail address.");
const RoleField = z.enum(ROLE_VALUES, { error: "Choose a role." });
const Id = z.string().min(1).max(100);

export const InviteInput = z.object({ email: Email, role: RoleField });
export const InvitationRef = z.object({ invitationId: Id });
export const ChangeRoleInput = z.object({ memberId: Id, role: RoleField });
export const MemberRef = z.object({ memberId: Id });
export const RequireTwoFactorInput = z.object({ required: z.enum(["on", "off"]) });

export const AcceptInvitationInput = z
  .object({
    token: z.string().min(1).max(200),
    name: z.string().trim().min(1, "Enter your name.").max(100, "At most 100 characters."),
    password: NewMemberPassword,
    passwordConfirm: z.string(),
  })
  .refine((input) => input.password === input.passwordConfirm, { path: ["passwordConfirm"], message: "The passwords differ." });

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(500),
    password: NewMemberPassword,
    passwordConfirm: z.string(),
  })
  .refine((input) => input.password === input.passwordConfirm, { path: ["passwordConfirm"], message: "The passwords differ." });

export const ConfirmTwoFactorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from your app."),
});
export const DisableTwoFactorInput = z.object({ password: z.string().min(1, "Enter your password.").max(500) });

/**
 * Whether `actor` may give `target` (now `from`, or a new invitee when undefined) the role
 * `to`: Owners and Admins manage the team, and only an Owner makes, changes or removes an
 * Owner. `to` undefined is a removal. The last-Owner rule needs the database: lib/team.
 */
export function mayAssign(actor: Role, from: Role | undefined, to: Role | undefined): boolean {
  if (actor !== "OWNER" && actor !== "ADMIN") return false;
  if (actor === "OWNER") return true;
  return from !== "OWNER" && to !== "OWNER";
}

import type { Role } from "@prisma/client";

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  DEVELOPER: "Developer",
  READ_ONLY: "Read-only",
};

/**
 * What each role may do. `credentials`: create and change API users and tokens.
 * `settings`: services, pricing and the team.
 */
const ABILITIES = {
  credentials: ["OWNER", "ADMIN", "DEVELOPER"],
  settings: ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof ABILITIES;

export function can(role: Role, ability: Ability): boolean {
  return (ABILITIES[ability] as readonly Role[]).includes(role);
}

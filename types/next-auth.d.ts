import type { Role } from "@prisma/client";
import "next-auth";
import "next-auth/jwt";

// The session names the member and its tenant; lib/auth/member.ts still reads the member
// from the database on every request, so a changed role or a removed member holds at once.
interface MemberClaims {
  memberId?: string;
  tenantId?: string;
  role?: Role;
  /** One per sign-in: the key of the session's sudo window (lib/auth/sudo.ts). */
  sessionId?: string;
  /** Member.sessionVersion at sign-in: a password change raises the member's, ending this session. */
  sessionVersion?: number;
}

declare module "next-auth" {
  interface Session {
    user?: { name?: string | null; email?: string | null; image?: string | null } & MemberClaims;
  }
  interface User {
    tenantId?: string;
    role?: Role;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    memberId?: string;
    tenantId?: string;
    role?: Role;
    sessionId?: string;
    sessionVersion?: number;
  }
}

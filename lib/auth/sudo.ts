import "server-only";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db";
import { AppError, validationFailed } from "@/lib/server/errors";
import { loginThrottle } from "./login-throttle";
import { verifyPassword } from "./passwords";
import { authOptions } from "./options";

/**
 * Sudo mode (GitHub's): destructive actions and secret reveals need the member's own
 * password, re-entered within the last SUDO_WINDOW_MS of this sign-in session. The time is
 * kept on the server (SudoSession, keyed by the session id the JWT carries), so a copied
 * form cannot claim it and the window can be moved back by SQL in tests.
 *
 * A wrong password is counted like a failed sign-in (lib/auth/login-throttle.ts, surface
 * "reveal": the password re-entered inside the dashboard), so a stolen session cannot guess
 * on, and a member who mistypes here is not locked out of signing in.
 */

export const SUDO_WINDOW_MS = 10 * 60_000;
/** The form field a sudo dialog sends the password in: apart from any password the action itself takes. */
export const SUDO_PASSWORD_FIELD = "sudoPassword";

interface SudoMember {
  id: string;
  tenantId: string;
}

/** The session id of the signed-in member's session (null for a session made before sudo mode existed). */
export async function currentSessionId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return session?.user?.sessionId ?? null;
}

/** Is this session in sudo mode (password confirmed within the window)? */
export async function sudoActive(member: SudoMember, sessionId: string | null, now = new Date()): Promise<boolean> {
  if (!sessionId) return false;
  const prisma = await db();
  const row = await prisma.sudoSession.findFirst({
    where: { sessionId, memberId: member.id, confirmedAt: { gt: new Date(now.getTime() - SUDO_WINDOW_MS) } },
    select: { sessionId: true },
  });
  return row !== null;
}

/**
 * Passes when the session is in sudo mode, or when `password` is the member's own (which
 * starts the window for this session); else throws: `sudo_required` with the password field
 * asked for, a wrong password as a field error, too many wrong ones as too_many_attempts.
 */
export async function requireSudo(member: SudoMember, sessionId: string | null, password: string, ip: string | null): Promise<void> {
  if (await sudoActive(member, sessionId)) return;
  if (!password) {
    throw new AppError("sudo_required", undefined, { fields: { [SUDO_PASSWORD_FIELD]: ["Enter your password to confirm."] } });
  }
  await confirmPassword(member, password, ip);
  if (!sessionId) return;
  const prisma = await db();
  const confirmedAt = new Date();
  await prisma.sudoSession.upsert({
    where: { sessionId },
    create: { sessionId, memberId: member.id, confirmedAt },
    update: { confirmedAt },
  });
  // Windows of sessions long over are of no use: drop this member's stale ones.
  await prisma.sudoSession.deleteMany({ where: { memberId: member.id, confirmedAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } });
}

async function confirmPassword(member: SudoMember, password: string, ip: string | null): Promise<void> {
  const attempt = await loginThrottle().begin("reveal", { account: member.id, ip });
  if (attempt.refused) {
    throw new AppError("too_many_attempts", `Too many wrong passwords. Try again in ${attempt.retryAfter} seconds.`);
  }
  const prisma = await db();
  const row = await prisma.member.findFirst({ where: { id: member.id, tenantId: member.tenantId }, select: { passwordHash: true } });
  // A wrong password stays counted against this member and address.
  if (!row || !(await verifyPassword(row.passwordHash, password))) {
    throw validationFailed({ [SUDO_PASSWORD_FIELD]: ["That is not your password."] }, "Your password did not match; nothing was changed.");
  }
  await attempt.succeeded();
}

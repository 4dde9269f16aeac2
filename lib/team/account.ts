import "server-only";
import { activityData, type ActivityActor } from "@/lib/activity/events";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db";
import { notFound, validationFailed } from "@/lib/server/errors";

/**
 * A member changes their own password after re-entering the current one. The member's
 * sessionVersion goes up with it: every session signed in before ends at its next request
 * (lib/auth/member.ts); the caller reissues its own session with the returned version.
 */
export async function changeOwnPassword(
  member: { id: string; tenantId: string },
  actor: ActivityActor,
  input: { currentPassword: string; password: string },
): Promise<{ sessionVersion: number }> {
  const prisma = await db();
  const row = await prisma.member.findFirst({ where: { id: member.id, tenantId: member.tenantId }, select: { passwordHash: true } });
  if (!row) throw notFound("No such member.");
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw validationFailed(
      { currentPassword: ["That is not your current password."] },
      "Your current password did not match; nothing changed.",
    );
  }
  const passwordHash = await hashPassword(input.password);
  const [updated] = await prisma.$transaction([
    prisma.member.update({
      where: { id: member.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    }),
    prisma.activityEvent.create({
      data: activityData({ tenantId: member.tenantId, actor: actor.email, ip: actor.ip, action: "member.password_changed", details: {} }),
    }),
  ]);
  return { sessionVersion: updated.sessionVersion };
}

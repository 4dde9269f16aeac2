import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@prisma/client";
import { activityData } from "@/lib/activity/events";
import { hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, notFound } from "@/lib/server/errors";
import type { TeamActor, TeamScope } from "./members";
import { INVITATION_DAYS, mayAssign } from "./rules";

/**
 * Invitations to the team. The link's token is 256 random bits, returned once by
 * createInvitation; only its SHA-256 is stored, so the link cannot be shown again (a lost
 * one is revoked and sent anew). Valid for INVITATION_DAYS, accepted at most once.
 */

declare const plain: unique symbol;
/** The invitation token itself: only createInvitation's result carries one. */
export type InvitationToken = string & { readonly [plain]: true };

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The path of the accept page for a token (the page builds the full URL from its own origin). */
export const invitationPath = (token: InvitationToken) => `/invite/${token}`;

export async function listPendingInvitations(scope: TeamScope, now = new Date()) {
  const prisma = await db();
  return prisma.invitation.findMany({
    where: { tenantId: scope.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { email: true } } },
  });
}

export async function createInvitation(scope: TeamScope, actor: TeamActor, input: { email: string; role: Role }, now = new Date()) {
  if (!mayAssign(actor.role, undefined, input.role)) throw new AppError("role_forbidden", "Only an Owner can invite an Owner.");
  const prisma = await db();
  const token = randomBytes(32).toString("base64url") as InvitationToken;
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000);
  const invitation = await prisma.$transaction(async (tx) => {
    if (await tx.member.findUnique({ where: { email: input.email }, select: { id: true } })) throw new AppError("member_exists");
    // One pending invitation per address and tenant: a new one replaces the old link.
    await tx.invitation.updateMany({
      where: { tenantId: scope.tenantId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        tenantId: scope.tenantId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actor.memberId,
        expiresAt,
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await tx.activityEvent.create({
      data: activityData({
        tenantId: scope.tenantId,
        actor: actor.email,
        ip: actor.ip,
        action: "invitation.created",
        details: { email: created.email, role: created.role, expiresAt: created.expiresAt.toISOString() },
      }),
    });
    return created;
  });
  return { invitation, token, path: invitationPath(token) };
}

export async function revokeInvitation(scope: TeamScope, actor: TeamActor, input: { invitationId: string }, now = new Date()) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, tenantId: scope.tenantId },
      select: { id: true, email: true, role: true },
    });
    if (!invitation) throw notFound("No such invitation.");
    if (!mayAssign(actor.role, undefined, invitation.role))
      throw new AppError("role_forbidden", "Only an Owner can revoke an Owner's invitation.");
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    if (count === 0) throw new AppError("invitation_not_pending");
    await tx.activityEvent.create({
      data: activityData({
        tenantId: scope.tenantId,
        actor: actor.email,
        ip: actor.ip,
        action: "invitation.revoked",
        details: { email: invitation.email, role: invitation.role },
      }),
    });
  });
}

/** What the accept page shows for a link: the tenant, address and role, or null for any link that does not work (unknown, used, revoked, expired). */
export async function pendingInvitation(token: string, now = new Date()) {
  const prisma = await db();
  return prisma.invitation.findFirst({
    where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { email: true, role: true, expiresAt: true, tenant: { select: { name: true } } },
  });
}

/**
 * Makes the member and marks the invitation used in one transaction; the conditional
 * update lets exactly one of two simultaneous accepts through.
 */
export async function acceptInvitation(
  input: { token: string; name: string; password: string },
  meta: { ip: string | null },
  now = new Date(),
) {
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(input.token);
  try {
    return await prisma.$transaction(async (tx) => {
      const invitation = await tx.invitation.findUnique({
        where: { tokenHash },
        select: { id: true, tenantId: true, email: true, role: true },
      });
      const { count } = await tx.invitation.updateMany({
        where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (!invitation || count === 0) throw new AppError("invitation_not_pending");
      const member = await tx.member.create({
        data: { tenantId: invitation.tenantId, email: invitation.email, name: input.name, role: invitation.role, passwordHash },
        select: { id: true, email: true, role: true },
      });
      await tx.activityEvent.create({
        data: activityData({
          tenantId: invitation.tenantId,
          actor: member.email,
          ip: meta.ip,
          action: "invitation.accepted",
          details: { email: member.email, role: member.role },
        }),
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("member_exists");
    throw error;
  }
}

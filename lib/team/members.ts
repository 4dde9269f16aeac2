import "server-only";
import type { Prisma, Role } from "@prisma/client";
import { activityData, type ActivityActor } from "@/lib/activity/events";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/server/errors";
import { mayAssign } from "./rules";

/**
 * The team of a tenant: who is in it, role changes, removal, and the tenant's two-factor
 * requirement. Each change runs in one transaction with its activity event. A member's
 * session reads the member from the database on every request (lib/auth/member.ts), so a
 * removed member is signed out and a demoted one has the new role at their next request.
 */

export interface TeamScope {
  tenantId: string;
}

/** Who makes a change: the member (for the role rules) and, for the log, e-mail and IP. */
export interface TeamActor extends ActivityActor {
  memberId: string;
  role: Role;
}

type Tx = Prisma.TransactionClient;

export async function listMembers(scope: TeamScope) {
  const prisma = await db();
  const members = await prisma.member.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      lastSignInAt: true,
      createdAt: true,
      twoFactor: { select: { confirmedAt: true } },
    },
  });
  return members.map(({ twoFactor, ...member }) => ({ ...member, twoFactor: Boolean(twoFactor?.confirmedAt) }));
}

function event(scope: TeamScope, actor: TeamActor, action: string, details: Prisma.InputJsonObject) {
  return activityData({ tenantId: scope.tenantId, actor: actor.email, ip: actor.ip, action, details });
}

/**
 * The tenant's Owners, locked for the rest of the transaction: two Owners demoting each
 * other at once are serialized, and the second finds itself the last one.
 */
async function lockOwners(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Member" WHERE "tenantId" = ${tenantId} AND "role" = 'OWNER'::"Role" ORDER BY "id" FOR UPDATE`;
  return rows.map((row) => row.id);
}

async function findMember(tx: Tx, scope: TeamScope, memberId: string) {
  const member = await tx.member.findFirst({
    where: { id: memberId, tenantId: scope.tenantId },
    select: { id: true, email: true, role: true },
  });
  if (!member) throw notFound("No such member.");
  return member;
}

async function refuseLastOwner(tx: Tx, scope: TeamScope, target: { id: string; role: Role }) {
  if (target.role !== "OWNER") return;
  const owners = await lockOwners(tx, scope.tenantId);
  if (owners.filter((id) => id !== target.id).length === 0) throw new AppError("last_owner");
}

export async function changeRole(scope: TeamScope, actor: TeamActor, input: { memberId: string; role: Role }) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const target = await findMember(tx, scope, input.memberId);
    if (!mayAssign(actor.role, target.role, input.role)) throw new AppError("role_forbidden", "Only an Owner can make or change an Owner.");
    if (target.role === input.role) return { changed: false };
    if (input.role !== "OWNER") await refuseLastOwner(tx, scope, target);
    await tx.member.update({ where: { id: target.id }, data: { role: input.role } });
    await tx.activityEvent.create({
      data: event(scope, actor, "member.role_changed", { member: target.email, before: target.role, after: input.role }),
    });
    return { changed: true };
  });
}

export async function removeMember(scope: TeamScope, actor: TeamActor, input: { memberId: string }) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const target = await findMember(tx, scope, input.memberId);
    if (target.id === actor.memberId) throw new AppError("role_forbidden", "You cannot remove yourself; another Owner or Admin can.");
    if (!mayAssign(actor.role, target.role, undefined)) throw new AppError("role_forbidden", "Only an Owner can remove an Owner.");
    await refuseLastOwner(tx, scope, target);
    await tx.member.delete({ where: { id: target.id } });
    await tx.activityEvent.create({ data: event(scope, actor, "member.removed", { member: target.email, role: target.role }) });
  });
}

/**
 * Owners only. Turning it on needs the Owner's own two-factor first, so the one who asks
 * is never the one locked into the setup page by it.
 */
export async function setRequireTwoFactor(scope: TeamScope, actor: TeamActor, required: boolean) {
  if (actor.role !== "OWNER") throw new AppError("role_forbidden", "Only an Owner can change this.");
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    if (required) {
      const own = await tx.memberTwoFactor.findFirst({
        where: { memberId: actor.memberId, confirmedAt: { not: null } },
        select: { memberId: true },
      });
      if (!own) throw new AppError("two_factor_off", "Turn on two-factor sign-in for your own account first.");
    }
    const tenant = await tx.tenant.update({
      where: { id: scope.tenantId },
      data: { requireTwoFactor: required },
      select: { requireTwoFactor: true },
    });
    await tx.activityEvent.create({
      data: event(scope, actor, required ? "team.two_factor_required" : "team.two_factor_optional", {
        requireTwoFactor: tenant.requireTwoFactor,
      }),
    });
  });
}

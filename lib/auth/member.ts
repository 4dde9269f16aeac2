import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { Role } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { authOptions } from "./options";
import { REQUEST_PATH_HEADER, signInUrl } from "./redirect";
import { mustSetUpTwoFactor, TWO_FACTOR_SETUP_PATH } from "./two-factor-gate";

export interface MemberContext {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  tenant: { name: string; clientId: string; requireTwoFactor: boolean };
  /** Two-factor sign-in is on (confirmed) for this member. */
  twoFactor: boolean;
}

/**
 * The signed-in member, read fresh from the database once per request: a removed member
 * or a changed role takes effect at once, whatever the session cookie says, and a session
 * older than the member's last password change (sessionVersion) is no session.
 */
export const currentMember = cache(async (): Promise<MemberContext | null> => {
  const session = await getServerSession(authOptions());
  const { memberId, tenantId, sessionVersion } = session?.user ?? {};
  if (!memberId || !tenantId) return null;
  const prisma = await db();
  const member = await prisma.member.findFirst({
    where: { id: memberId, tenantId, sessionVersion: sessionVersion ?? 0 },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      tenantId: true,
      tenant: { select: { name: true, clientId: true, requireTwoFactor: true } },
      twoFactor: { select: { confirmedAt: true } },
    },
  });
  if (!member) return null;
  const { twoFactor, ...rest } = member;
  return { ...rest, twoFactor: Boolean(twoFactor?.confirmedAt) };
});

/**
 * For pages: the member, or a redirect to sign-in that comes back here afterwards. A layout
 * does not know its URL; proxy.ts passes the requested path in a header of its own. A
 * member whose team requires two-factor sign-in and who has none is sent to set it up
 * before anything else.
 */
export async function requireMember(): Promise<MemberContext> {
  const member = await currentMember();
  if (!member) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER)));
  if (mustSetUpTwoFactor(member)) redirect(TWO_FACTOR_SETUP_PATH);
  return member;
}

/**
 * For the dashboard's route handlers (CSV export, labels, lookups), which cannot redirect:
 * the member, or the refusal to answer with. The same gate as pages and actions: signed
 * out is 401, and a member who owes their team two-factor sign-in gets nothing but 403.
 */
export async function routeMember(): Promise<MemberContext | AppError> {
  const member = await currentMember();
  if (!member) return new AppError("unauthenticated");
  if (mustSetUpTwoFactor(member)) return new AppError("two_factor_setup_required");
  return member;
}

import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { Role } from "@prisma/client";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { REQUEST_PATH_HEADER, signInUrl } from "./redirect";

export interface MemberContext {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  tenant: { name: string; clientId: string };
}

/**
 * The signed-in member, read fresh from the database once per request: a removed member
 * or a changed role takes effect at once, whatever the session cookie says.
 */
export const currentMember = cache(async (): Promise<MemberContext | null> => {
  const session = await getServerSession(authOptions());
  const { memberId, tenantId } = session?.user ?? {};
  if (!memberId || !tenantId) return null;
  const prisma = await db();
  return prisma.member.findFirst({
    where: { id: memberId, tenantId },
    select: { id: true, email: true, name: true, role: true, tenantId: true, tenant: { select: { name: true, clientId: true } } },
  });
});

/**
 * For pages: the member, or a redirect to sign-in that comes back here afterwards. A layout
 * does not know its URL; proxy.ts passes the requested path in a header of its own.
 */
export async function requireMember(): Promise<MemberContext> {
  const member = await currentMember();
  if (!member) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER)));
  return member;
}

import "server-only";
import { cache } from "react";
import type { Environment } from "@prisma/client";
import { db } from "@/lib/db";
import type { MemberContext } from "./member";

/**
 * The dashboard's Test / Live switch, remembered per member (Member.dashboardEnvironment).
 * Pages call dashboardEnvironment(member) and show only that environment's tokens,
 * activity and data; a token made in the dashboard defaults to it. The public API never
 * reads it: there the token alone decides.
 */
export const dashboardEnvironment = cache(async (member: Pick<MemberContext, "id" | "tenantId">): Promise<Environment> => {
  const prisma = await db();
  const row = await prisma.member.findFirst({
    where: { id: member.id, tenantId: member.tenantId },
    select: { dashboardEnvironment: true },
  });
  return row?.dashboardEnvironment ?? "LIVE";
});

export async function setDashboardEnvironment(member: Pick<MemberContext, "id" | "tenantId">, environment: Environment): Promise<void> {
  const prisma = await db();
  await prisma.member.updateMany({ where: { id: member.id, tenantId: member.tenantId }, data: { dashboardEnvironment: environment } });
}

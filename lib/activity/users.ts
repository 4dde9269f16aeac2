import "server-only";
import { db } from "@/lib/db";

/**
 * The activity log's API-user filter: an API user of the tenant by id or by username
 * (case-insensitive), deleted ones included (their events stay in the log).
 */
export async function findActivityUser(tenantId: string, text: string) {
  const prisma = await db();
  return prisma.apiUser.findFirst({
    where: { tenantId, OR: [{ id: text }, { usernameLower: text.toLowerCase() }] },
    select: { id: true, username: true },
  });
}

/** Search as you type: the tenant's API users whose username starts with `prefix`, first `limit` by name. */
export async function searchActivityUsers(tenantId: string, prefix: string, limit = 20) {
  const prisma = await db();
  return prisma.apiUser.findMany({
    where: { tenantId, usernameLower: { startsWith: prefix.toLowerCase() } },
    orderBy: { usernameLower: "asc" },
    take: limit,
    select: { id: true, username: true, deletedAt: true },
  });
}

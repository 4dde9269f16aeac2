import "server-only";
import type { Environment, Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { EXPIRING_SOON_MS } from "./rules";

/**
 * Tokens that stop within EXPIRING_SOON_DAYS: flagged on the Overview, in the API Access
 * lists and on the user's page, so staff make a new token in time (nothing extends one).
 * Disabled tokens count too: they come back when enabled, with the same deadline.
 */

function expiringWhere(tenantId: string, now: Date, environment?: Environment): Prisma.ApiTokenWhereInput {
  return {
    tenantId,
    environment,
    revokedAt: null,
    expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_SOON_MS) },
    apiUser: { tenantId, deletedAt: null, active: true },
  };
}

/** The tenant's tokens of one environment (the dashboard's switch) expiring soon, soonest first (at most `limit`), and how many there are. */
export async function expiringSoonTokens(tenantId: string, environment: Environment, { limit = 5, now = new Date() } = {}) {
  const prisma = await db();
  const where = expiringWhere(tenantId, now, environment);
  const [tokens, count] = await Promise.all([
    prisma.apiToken.findMany({
      where,
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, hint: true, name: true, expiresAt: true, apiUser: { select: { id: true, username: true } } },
    }),
    prisma.apiToken.count({ where }),
  ]);
  return { tokens, count };
}

/** Per API user of `userIds` (of this tenant), how many of its tokens expire soon; users with none are absent. */
export async function expiringSoonByUser(tenantId: string, userIds: string[], now = new Date()): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const prisma = await db();
  const groups = await prisma.apiToken.groupBy({
    by: ["apiUserId"],
    where: { ...expiringWhere(tenantId, now), apiUserId: { in: userIds } },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.apiUserId, group._count._all]));
}

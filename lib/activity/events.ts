import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";

/**
 * One entry of the activity log. `details` must never hold a secret: no token, no
 * password, no hash of either.
 */
export interface ActivityInput {
  tenantId: string;
  customerId?: string | null;
  apiUserId?: string | null;
  apiTokenId?: string | null;
  /** The member's e-mail for dashboard changes, the API username for API calls. */
  actor: string;
  action: string;
  method?: string | null;
  path?: string | null;
  status?: number | null;
  ip?: string | null;
  details?: Prisma.InputJsonValue;
  createdAt?: Date;
}

export function activityData(input: ActivityInput): Prisma.ActivityEventCreateManyInput {
  return { ...input };
}

/** Writes one event; pass the transaction client to make it part of a change. */
export async function recordActivity(input: ActivityInput, client?: Prisma.TransactionClient): Promise<void> {
  const prisma = client ?? (await db());
  await prisma.activityEvent.create({ data: activityData(input) });
}

export interface ActivityFilter {
  tenantId: string;
  /** undefined: the whole tenant; null: tenant-wide API users only; a string: that customer. */
  customerId?: string | null;
  apiUserId?: string;
  action?: string;
  before?: Date;
}

/** The newest events of a scope, newest first. */
export async function recentActivity(filter: ActivityFilter, limit = 20) {
  const prisma = await db();
  return prisma.activityEvent.findMany({
    where: {
      tenantId: filter.tenantId,
      ...(filter.customerId !== undefined && { customerId: filter.customerId }),
      ...(filter.apiUserId && { apiUserId: filter.apiUserId }),
      ...(filter.action && { action: { startsWith: filter.action } }),
      ...(filter.before && { createdAt: { lt: filter.before } }),
    },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      createdAt: true,
      actor: true,
      action: true,
      method: true,
      path: true,
      status: true,
      ip: true,
      details: true,
      apiUser: { select: { username: true } },
    },
  });
}

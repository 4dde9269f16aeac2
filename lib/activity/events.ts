import "server-only";
import type { Environment, Prisma } from "@prisma/client";
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

/** Who made a dashboard change: the member's e-mail (the event's actor) and the request's IP. */
export interface ActivityActor {
  email: string;
  ip: string | null;
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
  /**
   * undefined: the whole tenant; null: tenant-wide API users only; a string: that
   * customer's API users. The last two are the API Access sections: events of no API user
   * (Services & Pricing changes) stay out of them.
   */
  customerId?: string | null;
  apiUserId?: string;
  action?: string;
  /** The dashboard's Test / Live switch: only that environment's events (ofEnvironment). */
  environment?: Environment;
  /** Only events older than this one (keyset paging: time, then id for events of the same millisecond). */
  before?: ActivityCursor;
}

/** Where a page of the log ends: the time and id of its last event. */
export interface ActivityCursor {
  createdAt: Date;
  /** Absent in an old-style cursor (a time alone): every event of that millisecond is then skipped. */
  id?: string;
}

export function olderThan(cursor: ActivityCursor): Prisma.ActivityEventWhereInput {
  if (!cursor.id) return { createdAt: { lt: cursor.createdAt } };
  // The lte repeats what the OR implies, so the index scan starts at the cursor instead of filtering every newer event.
  return {
    createdAt: { lte: cursor.createdAt },
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

/**
 * Events of one environment: in Test, those made with a test token; in Live, everything
 * else (live tokens, dashboard changes, failed logins). The event's `environment` column
 * holds its token's (a trigger sets it on insert: prisma/schema.prisma), so each
 * environment's log is one index range, not a join with every token.
 */
export function ofEnvironment(environment: Environment): Prisma.ActivityEventWhereInput {
  return { environment };
}

/** What an activity table shows of an event (the log, Recent Activity, a user's Activity tab). */
export const activityRowSelect = {
  id: true,
  createdAt: true,
  actor: true,
  action: true,
  method: true,
  path: true,
  status: true,
  ip: true,
  details: true,
  // id and deletedAt: a row links to the user's page while the user exists.
  apiUser: { select: { id: true, username: true, deletedAt: true } },
} satisfies Prisma.ActivityEventSelect;

/**
 * The newest events of a scope, newest first. Ordered by time and then id, so events of
 * the same millisecond (an API user's create and its first token's issue share one
 * transaction's clock) have a fixed order a cursor can resume from.
 */
export async function recentActivity(filter: ActivityFilter, limit = 20) {
  const prisma = await db();
  return prisma.activityEvent.findMany({
    where: {
      tenantId: filter.tenantId,
      ...(filter.customerId !== undefined && { customerId: filter.customerId, apiUserId: { not: null } }),
      ...(filter.apiUserId && { apiUserId: filter.apiUserId }),
      ...(filter.action && { action: { startsWith: filter.action } }),
      AND: [filter.environment ? ofEnvironment(filter.environment) : {}, filter.before ? olderThan(filter.before) : {}],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: activityRowSelect,
  });
}

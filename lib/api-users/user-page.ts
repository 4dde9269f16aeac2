import "server-only";
import type { Environment } from "@prisma/client";
import { cache } from "react";
import { parseActivityCursor, formatActivityCursor } from "@/lib/activity/log";
import { isPermission } from "@/lib/credentials/permissions";
import { activityRowSelect, ofEnvironment, olderThan } from "@/lib/activity/events";
import { db } from "@/lib/db";

/**
 * One API user's page (app/(dashboard)/api-users/[id]): the user, its tokens and its
 * activity. The member's tenant is in every WHERE, so another tenant's id is the same
 * miss as no id (404); a deleted user has no page.
 */

/** The user with its scope (tenant or customer, each with its Client ID), or null. */
export const findApiUser = cache(async (tenantId: string, id: string) => {
  if (!/^[a-z0-9]{1,64}$/.test(id)) return null;
  const prisma = await db();
  const user = await prisma.apiUser.findFirst({
    where: { id, tenantId, deletedAt: null },
    select: {
      id: true,
      username: true,
      email: true,
      customerId: true,
      customer: { select: { id: true, name: true, clientId: true } },
      tenant: { select: { name: true, clientId: true } },
      permissions: true,
      active: true,
      rateLimit: true,
      ipAllowlist: true,
      createdAt: true,
      lastUsedAt: true,
    },
  });
  if (!user) return null;
  // Last used: the token used most recently, for its IP.
  const lastToken = await prisma.apiToken.findFirst({
    where: { apiUserId: user.id, lastUsedAt: { not: null } },
    orderBy: { lastUsedAt: "desc" },
    select: { lastUsedAt: true, lastUsedIp: true },
  });
  return { ...user, permissions: user.permissions.filter(isPermission), lastUse: lastToken };
});

/** The user's tokens of one environment, newest first: hints only, never a hash. */
export async function listUserTokens(tenantId: string, apiUserId: string, environment: Environment) {
  const prisma = await db();
  return prisma.apiToken.findMany({
    where: { tenantId, apiUserId, environment, apiUser: { tenantId, deletedAt: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      hint: true,
      environment: true,
      createdAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      revokedAt: true,
      expiresAt: true,
      disabledAt: true,
      leakedAt: true,
    },
  });
}

export type UserToken = Awaited<ReturnType<typeof listUserTokens>>[number];

export const USER_ACTIVITY_PAGE_SIZE = 50;

/**
 * One page of the user's events, newest first by (createdAt, id), resumed after `before`
 * (the cursor of the log page, lib/activity/log.ts): keyset, never OFFSET, so a page deep
 * in a million events costs what the first does (index ActivityEvent(apiUserId, createdAt, id)).
 */
export async function userActivityPage(
  tenantId: string,
  apiUserId: string,
  environment: Environment,
  before: string | undefined,
  size = USER_ACTIVITY_PAGE_SIZE,
) {
  const prisma = await db();
  const cursor = before ? parseActivityCursor(before) : null;
  const rows = await prisma.activityEvent.findMany({
    where: {
      tenantId,
      apiUserId,
      AND: [ofEnvironment(environment), cursor ? olderThan(cursor) : {}],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
    select: activityRowSelect,
  });
  const events = rows.slice(0, size);
  const last = events.at(-1);
  return { events, older: rows.length > size && last ? formatActivityCursor(last) : null };
}

/** The newest events of a list's scope in one environment (the lists' Recent Activity). */
export async function scopeActivity(scope: { tenantId: string; customerId: string | null }, environment: Environment, limit = 20) {
  const prisma = await db();
  return prisma.activityEvent.findMany({
    where: { tenantId: scope.tenantId, customerId: scope.customerId, apiUserId: { not: null }, AND: [ofEnvironment(environment)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: activityRowSelect,
  });
}

import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { isPermission } from "@/lib/credentials/permissions";
import type { ApiAccessScope } from "./rules";

/** Reading API users and their tokens for the dashboard: hints only, never a hash. */

const tokenSelect = {
  id: true,
  name: true,
  hint: true,
  environment: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  expiresAt: true,
} satisfies Prisma.ApiTokenSelect;

/** The scope's API users (deleted ones excluded), with their tokens: hints only, never a hash. */
export async function listApiUsers(scope: ApiAccessScope) {
  const prisma = await db();
  const users = await prisma.apiUser.findMany({
    where: { tenantId: scope.tenantId, customerId: scope.customerId, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      username: true,
      email: true,
      customerId: true,
      customer: { select: { name: true } },
      permissions: true,
      active: true,
      rateLimit: true,
      createdAt: true,
      tokens: { select: tokenSelect, orderBy: { createdAt: "desc" } },
    },
  });
  return users.map((user) => ({ ...user, permissions: user.permissions.filter(isPermission) }));
}

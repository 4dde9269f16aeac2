import "server-only";
import { Prisma, type Environment } from "@prisma/client";
import { db } from "@/lib/db";
import { isPermission } from "@/lib/credentials/permissions";
import { expiringSoonByUser } from "./expiring";
import { API_USER_PAGE_SIZE, type ApiAccessScope, type ApiUserListQueryInput, type ApiUserSort } from "./rules";

/**
 * The API user lists (Settings → API, a customer's API Access): one page of a scope's users,
 * searched, filtered and sorted in the database and resumed after a keyset cursor, never
 * an OFFSET. Each sort walks its own index of ApiUser (see schema.prisma) so a page costs
 * the same with 10 users or 10,000; the token counts are read for the page's rows only.
 */

/** Where a page ends: the sort key and id of its last row. */
type Cursor = { sort: "name"; key: string; id: string } | { sort: "last_used"; key: Date | null; id: string };

const ID = /^[a-z0-9]{1,64}$/;

/** `<usernameLower>~<id>` or `<ISO time | never>~<id>`: "~" is in no username, id or time. */
function formatCursor(sort: ApiUserSort, row: { usernameLower: string; lastUsedAt: Date | null; id: string }): string {
  const key = sort === "name" ? row.usernameLower : (row.lastUsedAt?.toISOString() ?? "never");
  return `${key}~${row.id}`;
}

function parseCursor(sort: ApiUserSort, text: string | undefined): Cursor | null {
  if (!text) return null;
  const [key, id, ...rest] = text.split("~");
  if (key === undefined || id === undefined || rest.length > 0 || !ID.test(id)) return null;
  if (sort === "name") return key.length > 0 && key.length <= 200 ? { sort, key, id } : null;
  if (key === "never") return { sort, key: null, id };
  const at = new Date(key);
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(key) && !Number.isNaN(at.getTime()) ? { sort, key: at, id } : null;
}

/** LIKE pattern that matches `text` literally anywhere. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filters(scope: ApiAccessScope, query: ApiUserListQueryInput): Prisma.Sql[] {
  const where = [
    Prisma.sql`u."tenantId" = ${scope.tenantId}`,
    scope.customerId === null ? Prisma.sql`u."customerId" IS NULL` : Prisma.sql`u."customerId" = ${scope.customerId}`,
    Prisma.sql`u."deletedAt" IS NULL`,
  ];
  if (query.status !== "all") where.push(Prisma.sql`u."active" = ${query.status === "active"}`);
  if (query.q) {
    const pattern = containing(query.q);
    where.push(Prisma.sql`(u."usernameLower" LIKE ${pattern} OR u."email" LIKE ${pattern})`);
  }
  return where;
}

/** The page's SQL (exported for the EXPLAIN test: it must walk an index, not sort the scope). */
export function listSql(scope: ApiAccessScope, query: ApiUserListQueryInput, limit: number): Prisma.Sql {
  const where = filters(scope, query);
  const cursor = parseCursor(query.sort, query.after);
  if (cursor?.sort === "name") where.push(Prisma.sql`(u."usernameLower", u."id") > (${cursor.key}, ${cursor.id})`);
  if (cursor?.sort === "last_used") {
    where.push(
      cursor.key === null
        ? Prisma.sql`(u."lastUsedAt" IS NULL AND u."id" < ${cursor.id})`
        : Prisma.sql`(u."lastUsedAt" < ${cursor.key} OR (u."lastUsedAt" = ${cursor.key} AND u."id" < ${cursor.id}) OR u."lastUsedAt" IS NULL)`,
    );
  }
  // The scope's columns lead the ORDER BY although they are constant here: for a
  // tenant-wide list (customerId IS NULL, which the planner does not treat as a constant)
  // only then does the order match the index's and no sort step is needed.
  const order =
    query.sort === "name"
      ? Prisma.sql`u."tenantId", u."customerId", u."usernameLower" ASC, u."id" ASC`
      : Prisma.sql`u."tenantId", u."customerId", u."lastUsedAt" DESC NULLS LAST, u."id" DESC`;
  return Prisma.sql`
    SELECT u."id", u."username", u."usernameLower", u."email", u."active", u."permissions", u."lastUsedAt", u."createdAt"
    FROM "ApiUser" u
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

interface Row {
  id: string;
  username: string;
  usernameLower: string;
  email: string | null;
  active: boolean;
  permissions: string[] | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

/** Tokens that work now (not revoked, disabled or expired), per user and environment. */
async function tokensInUse(userIds: string[], now: Date) {
  if (userIds.length === 0) return new Map<string, Record<Environment, number>>();
  const prisma = await db();
  const groups = await prisma.apiToken.groupBy({
    by: ["apiUserId", "environment"],
    where: {
      apiUserId: { in: userIds },
      revokedAt: null,
      disabledAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    _count: { _all: true },
  });
  const counts = new Map<string, Record<Environment, number>>();
  for (const group of groups) {
    const entry = counts.get(group.apiUserId) ?? { LIVE: 0, TEST: 0 };
    entry[group.environment] = group._count._all;
    counts.set(group.apiUserId, entry);
  }
  return counts;
}

/** One page of the scope's API users, the number that match, and the cursor of the next page. */
export async function apiUserPage(scope: ApiAccessScope, query: ApiUserListQueryInput, size = API_USER_PAGE_SIZE, now = new Date()) {
  const prisma = await db();
  const [rows, [total]] = await Promise.all([
    prisma.$queryRaw<Row[]>(listSql(scope, query, size + 1)),
    prisma.$queryRaw<{ count: number }[]>(
      Prisma.sql`SELECT count(*)::int AS "count" FROM "ApiUser" u WHERE ${Prisma.join(filters(scope, query), " AND ")}`,
    ),
  ]);
  const page = rows.slice(0, size);
  const ids = page.map((row) => row.id);
  const [counts, expiring] = await Promise.all([tokensInUse(ids, now), expiringSoonByUser(scope.tenantId, ids, now)]);
  const last = page.at(-1);
  return {
    users: page.map((row) => ({
      id: row.id,
      username: row.username,
      email: row.email,
      active: row.active,
      permissions: (row.permissions ?? []).filter(isPermission),
      lastUsedAt: row.lastUsedAt,
      createdAt: row.createdAt,
      tokensInUse: counts.get(row.id) ?? { LIVE: 0, TEST: 0 },
      expiringSoon: expiring.get(row.id) ?? 0,
    })),
    total: total?.count ?? 0,
    next: rows.length > size && last ? formatCursor(query.sort, last) : null,
  };
}

export type ApiUserPage = Awaited<ReturnType<typeof apiUserPage>>;

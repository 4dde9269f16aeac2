import { beforeAll, describe, expect, it } from "vitest";
import { ANALYZE, growStatements, type GrowShape } from "@/bench/grow";
import { db } from "@/lib/db";
import { makeCourierTenant } from "./support/couriers";

// Issue 18: the queries of every page and list use their indexes on a grown tenant. The
// tenant is grown by the same SQL as `npm run bench:data` (bench/grow.ts), smaller; then
// VACUUM (ANALYZE), as bench:data and PGlite's maintenance run it (migrations and the seed
// ANALYZE; PostgreSQL's autovacuum does both). EXPLAIN, never times.

const SHAPE: GrowShape = {
  customers: 300,
  apiUsers: 500,
  tenantWideUsers: 50,
  tokens: 800,
  shipments: 10_000,
  trackingPerShipment: 4.88,
  activityEvents: 20_000,
  days: 90,
};

let tenantId = "";
let customerId = "";
let rateTableId = "";

async function plan(sql: string, params: unknown[] = []): Promise<string> {
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...params);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("query plans on a grown tenant", () => {
  beforeAll(async () => {
    const t = await makeCourierTenant();
    tenantId = t.tenant.id;
    const prisma = await db();
    for (const sql of growStatements(tenantId, SHAPE, 10_000)) await prisma.$executeRawUnsafe(sql);
    await prisma.$executeRawUnsafe(ANALYZE);
    const customer = await prisma.customer.findFirstOrThrow({
      where: { tenantId, rateTableId: { not: null }, name: { startsWith: "Bench" } },
    });
    customerId = customer.id;
    rateTableId = customer.rateTableId ?? "";
  }, 120_000);

  it("GET /v1/shipments walks its index in the sort order, from the cursor, and counts from the index", async () => {
    const first = await plan(
      `SELECT id FROM "Shipment" WHERE "tenantId" = $1 AND environment = 'LIVE' ORDER BY "createdAt" DESC, id DESC LIMIT 101`,
      [tenantId],
    );
    expect(first).toContain("Shipment_tenantId_environment_createdAt_id_idx");
    expect(first).not.toMatch(/^\s*(->\s*)?Sort\b/m);
    const next = await plan(
      `SELECT id FROM "Shipment" WHERE "tenantId" = $1 AND environment = 'LIVE' AND "createdAt" <= now() - interval '45 days'
         AND ("createdAt" < now() - interval '45 days' OR ("createdAt" = now() - interval '45 days' AND id < 'x'))
       ORDER BY "createdAt" DESC, id DESC LIMIT 101`,
      [tenantId],
    );
    expect(next).toMatch(/Index Cond: .*"createdAt" <=/);
    const count = await plan(
      `SELECT count(*) FROM (SELECT id FROM "Shipment" WHERE "tenantId" = $1 AND environment = 'LIVE' LIMIT 10001) AS capped`,
      [tenantId],
    );
    // The tenant is most of the table here, so a scan in either order is fair: what matters is that it stops at the cap.
    expect(count).toMatch(/Limit\b/);
  });

  it("the customer page's shipments use the tenant + customer + time index", async () => {
    const shipments = await plan(
      `SELECT id FROM "Shipment" WHERE "tenantId" = $1 AND "customerId" = $2 ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
      [tenantId, customerId],
    );
    expect(shipments).toContain("Shipment_tenantId_customerId_createdAt_id_idx");
  });

  it("the activity log, its CSV export and the overview's recent events read one environment's keyset index; a rare action prefix takes the action index", async () => {
    const grown = await db().then((prisma) =>
      prisma.activityEvent.groupBy({ by: ["environment"], where: { tenantId, id: { startsWith: "bench" } }, _count: true }),
    );
    // The grown calls carry their tokens, a quarter of them test ones: Test mode has a share of the log.
    expect(grown.find((g) => g.environment === "TEST")?._count).toBeGreaterThan(1_000);
    for (const environment of ["LIVE", "TEST"]) {
      const log = await plan(
        `SELECT id FROM "ActivityEvent" WHERE "tenantId" = $1 AND environment = $2::"Environment" ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
        [tenantId, environment],
      );
      expect(log).toContain("ActivityEvent_tenantId_environment_createdAt_id_idx");
      expect(log).toMatch(/Index Cond: .*environment =/);
      expect(log).not.toMatch(/^\s*(->\s*)?Sort\b/m);
      // The export's next batches, and the log's Older link: resumed at the cursor.
      const older = await plan(
        `SELECT id FROM "ActivityEvent" WHERE "tenantId" = $1 AND environment = $2::"Environment" AND "createdAt" <= now() - interval '45 days'
           AND ("createdAt" < now() - interval '45 days' OR ("createdAt" = now() - interval '45 days' AND id < 'x'))
         ORDER BY "createdAt" DESC, id DESC LIMIT 1000`,
        [tenantId, environment],
      );
      expect(older).toContain("ActivityEvent_tenantId_environment_createdAt_id_idx");
      expect(older).toMatch(/Index Cond: .*"createdAt" <=/);
      const rare = await plan(
        `SELECT id FROM "ActivityEvent" WHERE "tenantId" = $1 AND environment = $2::"Environment" AND action LIKE 'nothing.%' ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
        [tenantId, environment],
      );
      expect(rare).toContain("ActivityEvent_tenantId_environment_action_idx");
    }
  });

  it("the API-user box finds usernames by prefix from an index", async () => {
    const users = await plan(
      `SELECT id FROM "ApiUser" WHERE "tenantId" = $1 AND "usernameLower" LIKE 'bench-user-12%' ORDER BY "usernameLower" LIMIT 20`,
      [tenantId],
    );
    // The pattern index serves LIKE under any collation; under the C collation (PGlite, some
    // PostgreSQL setups) the unique (tenantId, usernameLower) key serves the same range.
    expect(users).toMatch(/Index (Only )?Scan using "ApiUser_tenantId_usernameLower_(idx|key)"/);
    expect(users).toContain("usernameLower");
  });

  it("the overview sums the last day's calls from the rollup and counts tokens and users from indexes", async () => {
    const calls = await plan(
      `SELECT sum(success), sum("clientError") FROM "ApiUsageHourly" WHERE "tenantId" = $1 AND environment = 'LIVE' AND hour >= now() - interval '1 day'`,
      [tenantId],
    );
    expect(calls).toContain("ApiUsageHourly_tenantId_environment_hour_idx");
    expect(calls).toMatch(/Index Cond: .*hour >=/);
    // Active tokens: the kept counts of the days after today, and the range of today's still ahead of their expiry.
    const tokens = await plan(
      `SELECT count(*) FROM "ApiToken" t WHERE t."tenantId" = $1 AND t.environment = 'LIVE' AND t."revokedAt" IS NULL
         AND t."expiresAt" > now() AND t."expiresAt" < date_trunc('day', now()) + interval '1 day'
         AND t."disabledAt" IS NULL AND EXISTS (SELECT 1 FROM "ApiUser" u WHERE u.id = t."apiUserId" AND u.active AND u."deletedAt" IS NULL)`,
      [tenantId],
    );
    expect(tokens).toContain("ApiToken_tenantId_environment_revokedAt_expiresAt_idx");
    expect(tokens).toMatch(/Index Cond: .*"expiresAt" > now\(\)/);
    const kept = await plan(
      `SELECT sum(usable) FROM "ApiTokenCount" WHERE "tenantId" = $1 AND environment = 'LIVE' AND "expiresDay" >= now()`,
      [tenantId],
    );
    expect(kept).toMatch(/Index Cond: .*"expiresDay" >=/);
    // The grown tokens were inserted by SQL: the triggers kept their counts.
    const prisma = await db();
    const sums = await prisma.apiTokenCount.aggregate({ where: { tenantId, environment: "LIVE" }, _sum: { usable: true } });
    const counted = await prisma.apiToken.count({
      where: { tenantId, environment: "LIVE", revokedAt: null, disabledAt: null, apiUser: { active: true, deletedAt: null } },
    });
    expect(sums._sum.usable).toBe(counted);
    const users = await plan(`SELECT count(*) FROM "ApiUser" WHERE "tenantId" = $1 AND "customerId" IS NULL AND "deletedAt" IS NULL`, [
      tenantId,
    ]);
    expect(users).toMatch(/Index Only Scan using "ApiUser_tenantId_customerId_usernameLower_id_deletedAt_idx"/);
  });

  it("the Customers page counts its customers' API users from an index, not every user of the tenant", async () => {
    const prisma = await db();
    const page = await prisma.customer.findMany({ where: { tenantId }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 50 });
    const ids = page.map((c) => c.id);
    // At this size (500 users) a sequential scan is the right plan on PostgreSQL; on the grown
    // database (10,000 users) the planner takes the index (7.4 ms → 0.4 ms there). Here the
    // plan without scans shows the index serves all three conditions.
    const [, rows] = await prisma.$transaction([
      prisma.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
      prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "customerId", count(*) FROM "ApiUser" WHERE "tenantId" = $1 AND "customerId" = ANY($2) AND "deletedAt" IS NULL GROUP BY 1`,
        tenantId,
        ids,
      ),
    ]);
    const counts = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(counts).toContain("ApiUser_tenantId_customerId_usernameLower_id_deletedAt_idx");
    expect(counts).toMatch(/Index Cond: .*"deletedAt" IS NULL/);
  });

  it("Customers and Services & Pricing page customers by name and find a rate table's customers by index", async () => {
    const customers = await plan(`SELECT id FROM "Customer" WHERE "tenantId" = $1 ORDER BY name, id LIMIT 51`, [tenantId]);
    expect(customers).toContain("Customer_tenantId_name_id_idx");
    const linked = await plan(`SELECT name FROM "Customer" WHERE "tenantId" = $1 AND "rateTableId" = $2 ORDER BY name, id LIMIT 5`, [
      tenantId,
      rateTableId,
    ]);
    expect(linked).toContain("Customer_rateTableId_name_idx");
  });
});

// npm run bench:data: grows the demo tenant of the configured database (PGlite in
// PGLITE_DIR, or DATABASE_URL) to the shape of issue 18: 1,000 customers, 10,000 API users
// (500 tenant-wide), 16,000 tokens, 200,000 shipments with ~976,000 tracking events and
// 1,000,000 activity events over 90 days. Seeds the demo first if the database is empty,
// then gathers statistics (ANALYZE) and, on PGlite, checkpoints. Refuses to grow twice.
//
//   BENCH_SCALE=0.1   a tenth of every number (quick tries)
import { closeDatabase, database } from "@/lib/db";
import { env } from "@/lib/server/env";
import { seedCourierData } from "@/prisma/seed/courier";
import { DEMO_TENANT, seedTenant } from "@/prisma/seed/tenant";
import { ANALYZE, FULL_SHAPE, growStatements, type GrowShape } from "@/bench/grow";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const shape = Object.fromEntries(
  Object.entries(FULL_SHAPE).map(([key, value]) => [
    key,
    key === "trackingPerShipment" || key === "days" ? value : Math.max(1, Math.round(value * scale)),
  ]),
) as unknown as GrowShape;

const { prisma, driver } = await database();
console.log(`Growing ${driver.kind === "pglite" ? `PGlite in ${env().PGLITE_DIR}` : "PostgreSQL"} ...`);
if ((await prisma.tenant.count()) === 0) await seedCourierData(prisma, await seedTenant(prisma, DEMO_TENANT));
const tenant = await prisma.tenant.findFirst({ where: { name: DEMO_TENANT.name }, select: { id: true } });
if (!tenant) throw new Error(`No "${DEMO_TENANT.name}" tenant in this database.`);
if (await prisma.customer.count({ where: { tenantId: tenant.id, name: { startsWith: "Bench Customer" } } })) {
  console.log("Already grown: nothing to do.");
  await closeDatabase();
  process.exit(0);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
await driver.withSession(async (session) => {
  const statements = growStatements(tenant.id, shape);
  for (const [i, sql] of statements.entries()) {
    await session.exec(sql);
    // PGlite has no checkpointer: without this its write-ahead log grows by the whole load.
    if (driver.kind === "pglite") await session.exec("CHECKPOINT");
    process.stdout.write(`\r  ${i + 1}/${statements.length} statements, ${seconds()} s`);
  }
  console.log(`\n  ANALYZE ...`);
  await session.exec(ANALYZE);
  if (driver.kind === "pglite") await session.exec("CHECKPOINT");
});
const counts = await Promise.all([
  prisma.customer.count({ where: { tenantId: tenant.id } }),
  prisma.apiUser.count({ where: { tenantId: tenant.id } }),
  prisma.apiToken.count({ where: { tenantId: tenant.id } }),
  prisma.shipment.count({ where: { tenantId: tenant.id } }),
  prisma.trackingEvent.count({ where: { shipment: { tenantId: tenant.id } } }),
  prisma.activityEvent.count({ where: { tenantId: tenant.id } }),
]);
console.log(
  `Done in ${seconds()} s: ${counts[0]} customers, ${counts[1]} API users, ${counts[2]} tokens, ${counts[3]} shipments, ${counts[4]} tracking events, ${counts[5]} activity events.`,
);
await closeDatabase();

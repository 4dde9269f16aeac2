// Opens the database (PGlite under ./data, or DATABASE_URL), applies migrations, and with
// --seed fills an empty database with the demo tenant. --fixtures adds the second tenant
// the end-to-end tests use. Prints how to sign in.
import { closeDatabase, database } from "@/lib/db";
import { env } from "@/lib/server/env";
import { seedE2eApiUsers } from "@/prisma/seed/e2e-api-users";
import { seedCourierData } from "@/prisma/seed/courier";
import { seedDemoApiUsers } from "@/prisma/seed/demo-api-users";
import { DEMO_TENANT, RIVAL_TENANT, seedTenant, type SeededTenant } from "@/prisma/seed/tenant";
import { TEAM_TENANT, TWO_FACTOR_TENANT } from "@/prisma/seed/demo-accounts";

const args = new Set(process.argv.slice(2));
const { prisma, driver } = await database();
console.log(`Database ready (${driver.kind === "pglite" ? `PGlite in ${env().PGLITE_DIR}` : "PostgreSQL"}).`);

if (args.has("--seed")) {
  const empty = (await prisma.tenant.count()) === 0;
  if (empty) {
    const demo = await seedTenant(prisma, DEMO_TENANT);
    await seedCourierData(prisma, demo);
    await seedDemoApiUsers(prisma, demo);
  }
  // Print the logins on every start while the demo tenant exists, not only the first.
  if (empty || (await prisma.tenant.findFirst({ where: { name: DEMO_TENANT.name } }))) {
    printLogins(await seedTenant(prisma, DEMO_TENANT));
  }
}
if (args.has("--fixtures")) {
  await seedTenant(prisma, RIVAL_TENANT);
  await seedTenant(prisma, TEAM_TENANT);
  await seedTenant(prisma, TWO_FACTOR_TENANT);
  const demo = await seedTenant(prisma, DEMO_TENANT);
  await seedE2eApiUsers(prisma, demo.id, demo.customers);
}

// Statistics for the planner after the bulk insert (PGlite runs no autovacuum).
if (args.has("--seed") || args.has("--fixtures")) await driver.withSession((session) => session.exec("ANALYZE"));
await closeDatabase();

function printLogins(tenant: SeededTenant) {
  const url = `http://localhost:${env().PORT}/signin`;
  console.log(`\nSeeded "${tenant.name}" (Client ID ${tenant.clientId}).`);
  console.log(`Sign in at ${url} with any of (password "${tenant.members[0]?.password}"):`);
  for (const m of tenant.members) console.log(`  ${m.role.padEnd(10)} ${m.email}`);
  console.log("");
}

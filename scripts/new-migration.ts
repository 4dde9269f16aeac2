// `npm run db:new-migration -- describe_change`: writes the SQL that takes the migrations so
// far to prisma/schema.prisma into prisma/migrations/<UTC timestamp>_<name>/migration.sql.
// `prisma migrate diff --from-migrations` replays the history on a scratch in-memory PGlite
// (prisma/pglite-cli-adapter.ts); `prisma migrate dev` refuses that adapter once several
// migrations exist ("shadow DB must be provided through an external factory"). The app
// applies the new file at its next start (lib/db/migrate.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2] ?? "";
if (!/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- describe_change  (lower-case letters, digits and _)");
  process.exit(2);
}

const diff = spawnSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: "memory://" } },
);
if (diff.status !== 0) {
  console.error(diff.stderr || diff.stdout);
  process.exit(diff.status ?? 1);
}
const sql = diff.stdout.trim();
if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
  console.log("prisma/schema.prisma matches the migrations: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
console.log(`Wrote ${dir}/migration.sql: read it, then start the app to apply it.`);

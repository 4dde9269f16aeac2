// Vitest on PGlite, then again on PostgreSQL when TEST_DATABASE_URL is set.
import { spawnSync } from "node:child_process";

const passes: { name: string; env: NodeJS.ProcessEnv }[] = [{ name: "PGlite", env: { ...process.env, DATABASE_URL: "" } }];
if (process.env.TEST_DATABASE_URL) {
  passes.push({ name: "PostgreSQL", env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL } });
}

for (const pass of passes) {
  console.log(`\n▶ Vitest on ${pass.name}`);
  const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit", env: pass.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

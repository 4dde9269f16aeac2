// The production build the benches serve: `.next-bench` beside the usual `.next`, rebuilt
// when a source file is newer than it (or BENCH_REBUILD is set).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const BENCH_DIST = ".next-bench";

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|tsx|css|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded(): void {
  const id = path.join(BENCH_DIST, "BUILD_ID");
  const stale = !existsSync(id) || Math.max(newestSource("app"), newestSource("lib"), newestSource("components")) > statSync(id).mtimeMs;
  if (!stale && !process.env.BENCH_REBUILD) return;
  console.log(`Building the production app into ${BENCH_DIST} ...`);
  // next build adds the build folder's type paths to tsconfig.json: put the committed file back.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const built = spawnSync("npx", ["next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST },
  });
  writeFileSync("tsconfig.json", tsconfig);
  if (built.status !== 0) throw new Error("next build failed");
}

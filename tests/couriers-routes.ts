import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Shared by tests/couriers-openapi.test.ts and e2e/api-couriers.spec.ts.

const API_DIR = path.join(process.cwd(), "app", "api", "v1");

/** "METHOD /v1/path" for every method a route file under app/api/v1 really serves. */
export function servedRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // The catch-all only answers 404 for paths nobody serves.
        if (entry.name.startsWith("[...")) continue;
        walk(path.join(dir, entry.name), [...segments, entry.name.replace(/^\[(\w+)\]$/, "{$1}")]);
      } else if (entry.name === "route.ts") {
        const source = readFileSync(path.join(dir, entry.name), "utf8");
        // `export const GET = ...` serves; `export const { POST } = methodsNotAllowed(...)` refuses.
        for (const m of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)) routes.push(`${m[1]} /v1/${segments.join("/")}`);
      }
    }
  };
  walk(API_DIR, []);
  return routes.sort();
}

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
        // The catch-all ([...path] or [[...path]]) only answers 404 for paths nobody serves.
        if (/^\[\[?\.\.\./.test(entry.name)) continue;
        walk(path.join(dir, entry.name), [...segments, entry.name.replace(/^\[(\w+)\]$/, "{$1}")]);
      } else if (entry.name === "route.ts") {
        const source = readFileSync(path.join(dir, entry.name), "utf8");
        // An endpoint is a method bound to apiRoute/publicRoute. `export const { POST } =
        // methodsNotAllowed(...)` refuses, and the 404 files (catch-all, /v1 itself) bind
        // an unknown-endpoint handler.
        for (const m of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE) = (?:apiRoute|publicRoute)\b/gm)) routes.push(`${m[1]} /v1/${segments.join("/")}`);
      }
    }
  };
  walk(API_DIR, []);
  return routes.sort();
}

import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { HTTP_METHODS } from "@/lib/api/operations";

// What the route files under app/api/v1 really export, found by importing them (not by
// reading their source): each exported method is either bound to an operation (apiRoute,
// publicRoute: the handler carries it) or not. Shared by tests/api-operations.test.ts and
// tests/couriers-openapi.test.ts.

const API_DIR = path.join(process.cwd(), "app", "api", "v1");
const EXPORTS = [...HTTP_METHODS, "OPTIONS"] as const;

export interface RouteFile {
  /** As the catalogue spells it: /v1/shipments/{awb}; null for the catch-all. */
  path: string | null;
  /** The method handlers it exports, by name. */
  handlers: {
    name: (typeof EXPORTS)[number];
    handler: (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
    operation: unknown;
  }[];
}

function routeFiles(dir = API_DIR, segments: string[] = []): { file: string; path: string | null }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // The catch-all ([...path] or [[...path]]) answers every path nobody serves.
      if (/^\[\[?\.\.\./.test(entry.name)) return routeFiles(full, [...segments, "*"]).map((f) => ({ ...f, path: null }));
      return routeFiles(full, [...segments, entry.name.replace(/^\[(\w+)\]$/, "{$1}")]);
    }
    return entry.name === "route.ts" ? [{ file: full, path: `/v1/${segments.join("/")}`.replace(/\/$/, "") }] : [];
  });
}

export async function loadRouteFiles(): Promise<RouteFile[]> {
  return Promise.all(
    routeFiles().map(async ({ file, path: routePath }) => {
      const mod: Record<string, unknown> = await import(file);
      const handlers = EXPORTS.flatMap((name) => {
        const handler = mod[name];
        if (typeof handler !== "function") return [];
        const operation = "operation" in handler ? handler.operation : undefined;
        return [
          {
            name,
            handler: (request: NextRequest, context: { params: Promise<unknown> }) => Promise.resolve(handler(request, context)),
            operation,
          },
        ];
      });
      return { path: routePath, handlers };
    }),
  );
}

/** "METHOD /v1/path" of every method bound to an operation, by the file's place and the export's name. */
export async function servedRoutes(): Promise<string[]> {
  const files = await loadRouteFiles();
  return files
    .flatMap((f) => f.handlers.filter((h) => h.operation !== undefined).map((h) => `${h.name} ${f.path ?? "(catch-all)"}`))
    .sort();
}

/** A request to one of the route file's handlers, in-process. */
export function callRoute(route: RouteFile["handlers"][number], method: string) {
  return route.handler(new NextRequest("http://localhost/api/v1/x", { method, headers: { "x-courier-peer": "203.0.113.7" } }), {
    params: Promise.resolve({}),
  });
}

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreateShipmentInput } from "@/lib/couriers/schemas";
import { openApiDocument, OPERATIONS } from "@/lib/openapi";

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

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("lists exactly the routes that exist", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(servedRoutes());
  });

  it("is OpenAPI 3.1 with resolvable references, unique operation ids and declared path parameters", () => {
    expect(doc.openapi).toBe("3.1.0");
    const parsed = JSON.parse(JSON.stringify(doc)) as typeof doc;
    for (const ref of refs(parsed)) {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], parsed);
      expect(target, ref).toBeDefined();
    }
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of OPERATIONS) {
      const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect((op.pathParams ?? []).map((p) => p.name)).toEqual(inPath);
    }
  });

  it("describes requests with the zod schemas that validate them, and documents permissions", () => {
    const post = doc.paths["/v1/shipments"]?.post as { requestBody: { content: { "application/json": { schema: { required: string[]; properties: Record<string, unknown> }; example: unknown } } }; "x-permission": string };
    const body = post.requestBody.content["application/json"];
    expect(body.schema.required.sort()).toEqual(["parcels", "recipient", "sender", "service"]);
    expect(Object.keys(body.schema.properties).sort()).toEqual(Object.keys(CreateShipmentInput.shape).sort());
    // The documented example is a valid request.
    expect(CreateShipmentInput.safeParse(body.example).success).toBe(true);
    expect(post["x-permission"]).toBe("shipments:create");
    for (const op of OPERATIONS.filter((o) => o.auth === "token" && o.path !== "/v1/me" && o.path !== "/v1/auth/token")) expect(op.permission, op.path).toBeDefined();
  });
});

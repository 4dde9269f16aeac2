import { describe, expect, it } from "vitest";
import { CreateShipmentInput } from "@/lib/couriers/schemas";
import { openApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/operations";
import { servedRoutes } from "./support/served-routes";

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

  it("lists exactly the routes that exist", async () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(await servedRoutes());
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
    const post = doc.paths["/v1/shipments"]?.post as {
      requestBody: {
        content: { "application/json": { schema: { required: string[]; properties: Record<string, unknown> }; example: unknown } };
      };
      "x-permission": string;
    };
    const body = post.requestBody.content["application/json"];
    expect(body.schema.required.sort()).toEqual(["parcels", "recipient", "sender", "service"]);
    expect(Object.keys(body.schema.properties).sort()).toEqual(Object.keys(CreateShipmentInput.shape).sort());
    // The documented example is a valid request.
    expect(CreateShipmentInput.safeParse(body.example).success).toBe(true);
    expect(post["x-permission"]).toBe("shipments:create");
    for (const op of OPERATIONS.filter((o) => o.auth === "token" && o.path !== "/v1/me" && o.path !== "/v1/auth/token"))
      expect(op.permission, op.path).toBeDefined();
  });
});

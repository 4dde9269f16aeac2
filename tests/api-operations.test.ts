import { describe, expect, it } from "vitest";
import { errorCodes, methodsAt, operations, OPERATIONS, permissionHints } from "@/lib/api/operations";
import { PERMISSION_KEYS } from "@/lib/credentials/permissions";
import { ERRORS } from "@/lib/server/errors";
import { callRoute, loadRouteFiles, servedRoutes } from "./support/served-routes";

// The operation catalogue (lib/api/operations) against the route files that serve it,
// found by importing them. The HTTP side, permissions included, is e2e/api-operations.spec.ts.

const key = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

describe("operation catalogue", () => {
  it("names exactly the routes the route files serve", async () => {
    expect(await servedRoutes()).toEqual(OPERATIONS.map(key).sort());
  });

  it("binds each served method to the catalogue's operation for its method and path", async () => {
    for (const file of await loadRouteFiles()) {
      for (const route of file.handlers.filter((h) => h.operation !== undefined)) {
        const where = `${route.name} ${file.path}`;
        expect(
          OPERATIONS.find((op) => key(op) === where),
          where,
        ).toBe(route.operation);
      }
    }
  });

  it("answers every other method of a route file 405 with the catalogue's Allow, and OPTIONS with the same", async () => {
    for (const file of await loadRouteFiles()) {
      for (const route of file.handlers.filter((h) => h.operation === undefined)) {
        const where = `${route.name} ${file.path ?? "(catch-all)"}`;
        const response = await callRoute(route, route.name);
        if (file.path === null) {
          expect(response.status, where).toBe(404);
          continue;
        }
        const allowed = methodsAt(file.path);
        expect(allowed.length, `${file.path} is not in the catalogue`).toBeGreaterThan(0);
        expect(response.status, where).toBe(route.name === "OPTIONS" ? 204 : 405);
        const allow = response.headers
          .get("allow")
          ?.split(", ")
          .filter((m) => m !== "HEAD" && m !== "OPTIONS");
        expect(allow, where).toEqual(allowed);
      }
    }
  });

  it("keys each operation by its operationId, once", () => {
    for (const [name, op] of Object.entries(operations)) expect(op.operationId).toBe(name);
    expect(new Set(OPERATIONS.map(key)).size).toBe(OPERATIONS.length);
  });

  it("gives every token operation an activity action, and every permission at least one operation", () => {
    for (const op of OPERATIONS.filter((o) => o.auth === "token")) expect(op.action, key(op)).toMatch(/^[a-z_]+\.[a-z_]+$/);
    const hints = permissionHints();
    for (const permission of PERMISSION_KEYS) expect(hints[permission]?.length, permission).toBeGreaterThan(0);
    expect(hints["shipments:read"]).toEqual(["GET /v1/shipments", "GET /v1/shipments/{awb}"]);
  });

  it("lists error codes from the one catalogue: the pipeline's for a token, permission_denied only with a permission", () => {
    for (const op of OPERATIONS) {
      const codes = errorCodes(op);
      for (const code of codes) expect(ERRORS[code], code).toBeDefined();
      expect(codes.includes("permission_denied"), key(op)).toBe(op.permission !== undefined);
      expect(codes.includes("invalid_token"), key(op)).toBe(op.auth === "token");
    }
    expect(errorCodes(operations.cancelShipment)).toContain("shipment_not_cancellable");
    // Every route refuses plain HTTP when the public URL is https:// (lib/api/route.ts, requireHttps);
    // readiness also answers 503 while the database is away.
    expect(errorCodes(operations.liveness)).toEqual(["https_required"]);
    expect(errorCodes(operations.health)).toEqual(["https_required", "service_unavailable"]);
  });
});

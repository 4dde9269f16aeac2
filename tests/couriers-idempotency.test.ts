import { describe, expect, it } from "vitest";
import type { ApiScope } from "@/lib/api/context";
import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { CreateShipmentInput } from "@/lib/couriers/schemas";
import { createShipment } from "@/lib/couriers/shipments";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { idempotent, requestHash } from "@/lib/api/idempotency";
import { ADDRESS, makeCourierTenant, PARCEL } from "./support/couriers";

const caller = (userId: string, scope: ApiScope) => ({
  apiUser: { id: userId, username: "u", customerId: scope.customerId, permissions: [], rateLimit: 60 },
  scope,
});

const body = { service: "STANDARD", sender: ADDRESS, recipient: ADDRESS, parcels: [PARCEL] };

function post(json: unknown, key?: string) {
  return new Request("http://localhost/api/v1/shipments", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key && { "idempotency-key": key }) },
    body: typeof json === "string" ? json : JSON.stringify(json),
  });
}

describe("Idempotency-Key", () => {
  it("treats the same JSON with other key order or spacing as the same body", () => {
    expect(requestHash("POST", "/v1/shipments", '{"a":1,"b":[1,{"c":2,"d":3}]}')).toBe(
      requestHash("POST", "/v1/shipments", '{ "b": [1, {"d":3, "c":2}], "a": 1 }'),
    );
    expect(requestHash("POST", "/v1/shipments", '{"a":1}')).not.toBe(requestHash("POST", "/v1/pickups", '{"a":1}'));
    expect(requestHash("POST", "/v1/shipments", '{"a":1}')).not.toBe(requestHash("POST", "/v1/shipments", '{"a":2}'));
  });

  it("returns the first response again for the same key and body, and 422 for another body", async () => {
    const t = await makeCourierTenant();
    const scope = t.scope(t.customerA.id);
    let runs = 0;
    const handler = (request: Request) =>
      idempotent(request, caller(t.apiUser.id, scope), async (req) => {
        runs++;
        return ok(await createShipment(scope, t.apiUser.id, await readJson(req, CreateShipmentInput)), { status: 201 });
      });
    const first = await handler(post(body, "order-1"));
    const again = await handler(post(body, "order-1"));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // Byte for byte, as first sent.
    expect(await again.text()).toBe(await first.clone().text());
    expect(runs).toBe(1);
    const error = await handler(post({ ...body, reference: "other" }, "order-1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).status, (error as AppError).code]).toEqual([422, "idempotency_key_reused"]);
    // Without a key, or with another key, it runs again.
    await handler(post(body));
    await handler(post(body, "order-2"));
    expect(runs).toBe(3);
    const prisma = await db();
    expect(await prisma.shipment.count({ where: { tenantId: t.tenant.id } })).toBe(3);
  });

  it("runs concurrent duplicates once", async () => {
    const t = await makeCourierTenant();
    const scope = t.scope(null);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        idempotent(post(body, "concurrent"), caller(t.apiUser.id, scope), async (req) =>
          ok(await createShipment(scope, null, await readJson(req, CreateShipmentInput)), { status: 201 }),
        ),
      ),
    );
    const awbs = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { data: { awb: string } }).data.awb)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(awbs.size).toBe(1);
    const prisma = await db();
    expect(await prisma.shipment.count({ where: { tenantId: t.tenant.id } })).toBe(1);
  });

  it("keys are per API user, and a failed attempt is not stored", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    const other = await prisma.apiUser.create({
      data: { tenantId: t.tenant.id, username: "other", usernameLower: "other", passwordHash: "unused", permissions: [] },
    });
    const run = (userId: string, json: unknown) =>
      idempotent(post(json, "k"), caller(userId, t.scope(null)), async (req) =>
        ok(await createShipment(t.scope(null), null, await readJson(req, CreateShipmentInput)), { status: 201 }),
      );
    const invalid = await run(t.apiUser.id, { ...body, parcels: [] }).catch((e: unknown) => e);
    expect((invalid as AppError).code).toBe("validation_failed");
    // The fixed request runs under the same key: the 422 was not kept.
    expect((await run(t.apiUser.id, body)).status).toBe(201);
    // Another user's identical key is unrelated.
    expect((await run(other.id, { ...body, reference: "x" })).headers.get("idempotent-replayed")).toBeNull();
    const bad = await run(t.apiUser.id, body.service).catch((e: unknown) => e);
    expect((bad as AppError).code).toBe("idempotency_key_reused");
  });

  it("keeps live and test keys apart, and refuses one key for two customers of a tenant-wide user", async () => {
    const t = await makeCourierTenant();
    const run = (scope: ApiScope) =>
      idempotent(post(body, "same"), caller(t.apiUser.id, scope), async (req) =>
        ok(await createShipment(scope, null, await readJson(req, CreateShipmentInput)), { status: 201 }),
      );
    const live = await (await run(t.scope(t.customerA.id))).json();
    const test = await (await run(t.scope(t.customerA.id, "TEST"))).json();
    expect(test.data.environment).toBe("test");
    expect(test.data.awb).not.toBe(live.data.awb);
    const error = await run(t.scope(t.customerB.id)).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("idempotency_key_reused");
  });

  it("refuses a malformed key", async () => {
    const t = await makeCourierTenant();
    const error = await idempotent(post(body, "has space"), caller(t.apiUser.id, t.scope(null)), async () => ok(null)).catch(
      (e: unknown) => e,
    );
    expect((error as AppError).details).toEqual({ fields: { "header.Idempotency-Key": [expect.any(String)] } });
  });
});

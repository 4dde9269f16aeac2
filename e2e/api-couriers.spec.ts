import { inflateSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { PDFDocument, PDFRawStream } from "pdf-lib";
import { isValidAwb } from "@/lib/couriers/awb";
import { DEMO_COMPLETED_PICKUP_ID, DEMO_PICKED_UP_AWB } from "@/prisma/seed/courier";
import { OPERATIONS, type ApiOperation } from "@/lib/api/operations";
import { exampleOf } from "@/lib/api/openapi";
import { auth, body, clientIds, login, outcome, type ClientIds } from "./api-client";
import { DEMO_TENANT, signIn } from "./helpers";

// The courier API over real HTTP, as integrators call it: every endpoint with tokens of each
// scope (tenant-wide, customer A with its linked contract table, customer B on the default)
// and environment (live, test).

type Headers = Record<string, string>;
let ids: ClientIds;
let h: {
  tenantLive: Headers;
  tenantTest: Headers;
  tenantAsA: Headers;
  aLive: Headers;
  aTest: Headers;
  bLive: Headers;
  reader: Headers;
  servicesOnly: Headers;
};

const ADDRESS = { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" };
const SENDER = {
  name: "Dispatch",
  company: "Northwind Outfitters",
  street1: "Lagerweg 12",
  city: "Hamburg",
  postal_code: "20539",
  country: "DE",
};
const PARCEL = { weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 };
const SHIPMENT = { service: "STANDARD", reference: "E2E-1", sender: SENDER, recipient: ADDRESS, parcels: [PARCEL] };
const QUOTE = {
  from: { postal_code: "20539", country: "DE" },
  to: { postal_code: "10115", city: "Berlin", country: "DE" },
  parcels: [PARCEL],
};

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const PICKUP = () => ({ address: SENDER, ready_at: inHours(2), close_at: inHours(6), parcel_count: 3, notes: "Gate 2" });

test.beforeAll(async ({ browser, request, baseURL }) => {
  ids = await clientIds(browser, baseURL ?? "", request);
  const a = ids.customers.find((c) => c.name === DEMO_TENANT.customers[0])?.client_id ?? "";
  const b = ids.customers.find((c) => c.name === DEMO_TENANT.customers[1])?.client_id ?? "";
  const token = (x: string, user: string, environment: "live" | "test" = "live") => login(request, x, user, { environment });
  h = {
    tenantLive: auth(await token(ids.tenant, "e2e-courier-tenant"), ids.tenant),
    tenantTest: auth(await token(ids.tenant, "e2e-courier-tenant", "test"), ids.tenant),
    tenantAsA: auth(await token(ids.tenant, "e2e-courier-tenant"), a),
    aLive: auth(await token(a, "e2e-courier-a"), a),
    aTest: auth(await token(a, "e2e-courier-a", "test"), a),
    bLive: auth(await token(b, "e2e-courier-b"), b),
    reader: auth(await token(a, "e2e-courier-reader"), a),
    servicesOnly: auth(await token(ids.tenant, "e2e-services-only"), ids.tenant),
  };
});

async function createShipment(request: APIRequestContext, headers: Headers, data: unknown = SHIPMENT) {
  const response = await request.post("/v1/shipments", { headers, data });
  expect(response.status(), await response.text()).toBe(201);
  return (await body(response)).data;
}

/** `details.fields` of a 422, as its sorted keys. */
async function invalidFields(response: Awaited<ReturnType<APIRequestContext["post"]>>) {
  const b = await body(response);
  expect([response.status(), b.error?.code]).toEqual([422, "validation_failed"]);
  return Object.keys(b.error.details.fields).sort();
}

test.describe("services and quotes", () => {
  test("lists the tenant's active services", async ({ request }) => {
    for (const headers of [h.tenantLive, h.aLive, h.aTest, h.servicesOnly]) {
      const response = await request.get("/v1/services", { headers });
      expect(response.status()).toBe(200);
      const { data } = await body(response);
      expect(data.map((s: { code: string }) => s.code)).toEqual(["ECONOMY", "EXPRESS", "STANDARD"]);
      expect(data[0]).toEqual({ code: "ECONOMY", name: expect.any(String), description: expect.any(String) });
    }
    expect(await outcome(await request.get("/v1/services"))).toEqual([401, "missing_token"]);
  });

  test("linked pricing: customer A's contract table and B's default give different prices", async ({ request }) => {
    const price = async (headers: Headers) => {
      const response = await request.post("/v1/rates/quote", { headers, data: { ...QUOTE, service: "standard" } });
      expect(response.status(), await response.text()).toBe(200);
      const { data } = await body(response);
      expect(data.rates).toHaveLength(1);
      return [data.rate_table.name, data.rates[0].price];
    };
    const a = await price(h.aLive);
    const b = await price(h.bLive);
    expect(a[1]).toEqual({ amount: "5.90", amount_cents: 590, currency: "EUR" });
    expect(b[1]).toEqual({ amount: "6.90", amount_cents: 690, currency: "EUR" });
    expect(a[0]).not.toEqual(b[0]);
    // A tenant-wide user naming customer A's Client ID gets A's table; in tenant scope the default.
    expect(await price(h.tenantAsA)).toEqual(a);
    expect(await price(h.tenantLive)).toEqual(b);
  });

  test("bills the greater of actual and volumetric weight, and extra kilograms above the top band", async ({ request }) => {
    const quote = async (parcels: unknown[]) =>
      (await body(await request.post("/v1/rates/quote", { headers: h.bLive, data: { ...QUOTE, parcels, service: "STANDARD" } }))).data;
    const bulky = await quote([{ weight_grams: 500, length_cm: 50, width_cm: 40, height_cm: 30 }]);
    expect([bulky.weight_grams, bulky.volumetric_grams, bulky.billable_grams]).toEqual([500, 12_000, 12_000]);
    expect(bulky.rates[0].price.amount_cents).toBe(1890); // band up to 20 kg
    const heavy = await quote([{ weight_grams: 25_000, length_cm: 40, width_cm: 30, height_cm: 30 }]);
    expect(heavy.billable_grams).toBe(25_000);
    expect(heavy.rates[0].price.amount_cents).toBe(1890 + 5 * 95); // 5 started kg over 20 kg
    const all = (await body(await request.post("/v1/rates/quote", { headers: h.bLive, data: QUOTE }))).data;
    expect(all.rates.map((r: { service: { code: string } }) => r.service.code)).toEqual(["ECONOMY", "EXPRESS", "STANDARD"]);
  });

  test("quote input errors name each field; bad JSON is 400; a missing permission is 403", async ({ request }) => {
    expect(
      await invalidFields(
        await request.post("/v1/rates/quote", {
          headers: h.aLive,
          data: { from: { country: "Germany" }, to: {}, parcels: [{ weight_grams: 0, length_cm: -1, width_cm: 10 }] },
        }),
      ),
    ).toEqual([
      "from.country",
      "from.postal_code",
      "parcels.0.height_cm",
      "parcels.0.length_cm",
      "parcels.0.weight_grams",
      "to.country",
      "to.postal_code",
    ]);
    expect(await invalidFields(await request.post("/v1/rates/quote", { headers: h.aLive, data: { ...QUOTE, parcels: [] } }))).toEqual([
      "parcels",
    ]);
    expect(
      await invalidFields(await request.post("/v1/rates/quote", { headers: h.aLive, data: { ...QUOTE, service: "SAMEDAY" } })),
    ).toEqual(["service"]);
    expect(await invalidFields(await request.post("/v1/rates/quote", { headers: h.aLive, data: { ...QUOTE, surprise: 1 } }))).toEqual([
      "(body)",
    ]);
    expect(
      await outcome(
        await request.post("/v1/rates/quote", { headers: { ...h.aLive, "content-type": "application/json" }, data: Buffer.from("{nope") }),
      ),
    ).toEqual([400, "invalid_json"]);
    expect(await outcome(await request.post("/v1/rates/quote", { headers: h.reader, data: QUOTE }))).toEqual([403, "permission_denied"]);
  });
});

test.describe("shipments", () => {
  test("a customer books a shipment: AWB, price from its table, status created, first tracking event", async ({ request }) => {
    const s = await createShipment(request, h.aLive);
    expect(isValidAwb(s.awb)).toBe(true);
    expect(s).toMatchObject({
      status: "created",
      environment: "live",
      service: { code: "STANDARD" },
      reference: "E2E-1",
      weight_grams: 1200,
      billable_grams: 1200,
    });
    expect(s.price).toEqual({ amount: "5.90", amount_cents: 590, currency: "EUR" });
    expect(s.customer).toEqual({ client_id: h.aLive["X-Tenant"], name: DEMO_TENANT.customers[0] });
    expect((await body(await request.get(`/v1/shipments/${s.awb}`, { headers: h.aLive }))).data).toEqual(s);
    // The same AWB through /api/v1 as well.
    expect((await request.get(`/api/v1/shipments/${s.awb}`, { headers: h.aLive })).status()).toBe(200);
    const track = (await body(await request.get(`/v1/shipments/${s.awb}/track`, { headers: h.aLive }))).data;
    expect(track).toEqual({
      awb: s.awb,
      status: "created",
      events: [{ status: "created", description: expect.any(String), location: "Hamburg", occurred_at: expect.any(String) }],
    });
    // Customer B pays the default table; a tenant-wide user in tenant scope books for no customer.
    expect((await createShipment(request, h.bLive)).price.amount_cents).toBe(690);
    expect((await createShipment(request, h.tenantLive)).customer).toBeNull();
  });

  test("shipment input errors list every field path", async ({ request }) => {
    const fields = await invalidFields(
      await request.post("/v1/shipments", {
        headers: h.aLive,
        data: {
          service: "",
          sender: { ...SENDER, postal_code: "!", country: "Deutschland" },
          recipient: { name: "" },
          parcels: [{ ...PARCEL, weight_grams: 80_000 }],
          reference: "x".repeat(65),
        },
      }),
    );
    expect(fields).toEqual([
      "parcels.0.weight_grams",
      "recipient.city",
      "recipient.country",
      "recipient.name",
      "recipient.postal_code",
      "recipient.street1",
      "reference",
      "sender.country",
      "sender.postal_code",
      "service",
    ]);
    expect(await invalidFields(await request.post("/v1/shipments", { headers: h.aLive, data: {} }))).toEqual([
      "parcels",
      "recipient",
      "sender",
      "service",
    ]);
    expect(await invalidFields(await request.post("/v1/shipments", { headers: h.aLive, data: [] }))).toEqual(["(body)"]);
    expect(await invalidFields(await request.post("/v1/shipments", { headers: h.aLive, data: { ...SHIPMENT, service: "NOPE" } }))).toEqual([
      "service",
    ]);
    expect(
      await outcome(
        await request.post("/v1/shipments", { headers: { ...h.aLive, "content-type": "application/json" }, data: Buffer.from("{") }),
      ),
    ).toEqual([400, "invalid_json"]);
  });

  test("another customer's, another environment's and a mistyped AWB are the same 404", async ({ request }) => {
    const s = await createShipment(request, h.aLive);
    const t = await createShipment(request, h.aTest);
    expect(t.environment).toBe("test");
    const typo = s.awb.slice(0, 10) + ((Number(s.awb[10]) + 1) % 10);
    const misses: [Headers, string][] = [
      [h.bLive, s.awb],
      [h.aTest, s.awb],
      [h.tenantTest, s.awb],
      [h.aLive, t.awb],
      [h.tenantLive, t.awb],
      [h.bLive, t.awb],
      [h.aLive, typo],
      [h.aLive, "00000000000"],
    ];
    const bodies = new Set<string>();
    for (const [headers, awb] of misses) {
      for (const path of [`/v1/shipments/${awb}`, `/v1/shipments/${awb}/track`, `/v1/shipments/${awb}/label`]) {
        const response = await request.get(path, { headers });
        expect(await outcome(response), path).toEqual([404, "not_found"]);
        bodies.add(JSON.stringify((await body(response)).error));
      }
      expect(await outcome(await request.delete(`/v1/shipments/${awb}`, { headers }))).toEqual([404, "not_found"]);
    }
    expect(bodies.size).toBe(1);
    // The tenant scope sees its customers' shipments of its own environment.
    expect((await request.get(`/v1/shipments/${s.awb}`, { headers: h.tenantLive })).status()).toBe(200);
    expect((await request.get(`/v1/shipments/${t.awb}`, { headers: h.tenantTest })).status()).toBe(200);
    // Lists too.
    const awbs = async (headers: Headers) =>
      (await body(await request.get("/v1/shipments?per_page=100", { headers }))).data.map((x: { awb: string }) => x.awb);
    expect(await awbs(h.aLive)).toContain(s.awb);
    expect(await awbs(h.aLive)).not.toContain(t.awb);
    expect(await awbs(h.aTest)).toContain(t.awb);
    expect(await awbs(h.aTest)).not.toContain(s.awb);
    expect(await awbs(h.bLive)).not.toContain(s.awb);
  });

  test("lists page by page and filters by status and date", async ({ request }) => {
    for (let i = 0; i < 3; i++) await createShipment(request, h.bLive, { ...SHIPMENT, reference: `B-${i}` });
    const first = await body(await request.get("/v1/shipments?page=1&per_page=2", { headers: h.bLive }));
    expect(first.data).toHaveLength(2);
    expect(first.meta).toMatchObject({ page: 1, per_page: 2 });
    expect(first.meta.total).toBeGreaterThanOrEqual(3);
    expect(first.meta.total_pages).toBe(Math.ceil(first.meta.total / 2));
    const second = await body(await request.get("/v1/shipments?page=2&per_page=2", { headers: h.bLive }));
    expect(second.data[0].awb).not.toBe(first.data[0].awb);
    const delivered = await body(await request.get("/v1/shipments?status=delivered", { headers: h.bLive }));
    expect(delivered.data.length).toBeGreaterThan(0); // seeded
    expect(delivered.data.every((s: { status: string }) => s.status === "delivered")).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const recent = await body(await request.get(`/v1/shipments?created_from=${today}&per_page=100`, { headers: h.bLive }));
    expect(recent.data.map((s: { reference: string }) => s.reference)).toEqual(expect.arrayContaining(["B-0", "B-1", "B-2"]));
    expect((await body(await request.get("/v1/shipments?created_to=2020-01-01", { headers: h.bLive }))).meta.total).toBe(0);
    const bad = await request.get("/v1/shipments?status=lost&per_page=0&created_from=yesterday", { headers: h.bLive });
    expect(await invalidFields(bad)).toEqual(["created_from", "per_page", "status"]);
  });

  test("cancels before pickup; a picked-up or cancelled shipment is 409", async ({ request }) => {
    const s = await createShipment(request, h.aLive);
    const cancelled = await request.delete(`/v1/shipments/${s.awb}`, { headers: h.aLive });
    expect(cancelled.status()).toBe(200);
    expect((await body(cancelled)).data).toMatchObject({ awb: s.awb, status: "cancelled", cancelled_at: expect.any(String) });
    expect(await outcome(await request.delete(`/v1/shipments/${s.awb}`, { headers: h.aLive }))).toEqual([409, "shipment_not_cancellable"]);
    const track = (await body(await request.get(`/v1/shipments/${s.awb}/track`, { headers: h.aLive }))).data;
    expect(track.events.map((e: { status: string }) => e.status)).toEqual(["created", "cancelled"]);
    expect(await outcome(await request.get(`/v1/shipments/${s.awb}/label`, { headers: h.aLive }))).toEqual([409, "shipment_cancelled"]);
    // The seeded shipment of customer A that was picked up already.
    const picked = await request.delete(`/v1/shipments/${DEMO_PICKED_UP_AWB}`, { headers: h.aLive });
    expect(await outcome(picked)).toEqual([409, "shipment_not_cancellable"]);
    expect((await body(await request.get(`/v1/shipments/${DEMO_PICKED_UP_AWB}`, { headers: h.aLive }))).data.status).toBe("picked_up");
  });

  test("the label is a one-page 4×6 in PDF holding the AWB, or ZPL", async ({ request }) => {
    const s = await createShipment(request, h.aLive, {
      ...SHIPMENT,
      recipient: { ...ADDRESS, name: "Łukasz Żółć", city: "Kraków", country: "PL" },
    });
    const response = await request.get(`/v1/shipments/${s.awb}/label`, { headers: h.aLive });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pdf = await PDFDocument.load(await response.body());
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([width, height]).toEqual([288, 432]);
    expect(pdf.getTitle()).toContain(s.awb);
    const hex = Buffer.from(s.awb.replace(/^(\d{3})(\d{4})(\d{4})$/, "$1 $2 $3"), "latin1")
      .toString("hex")
      .toUpperCase();
    const texts = pdf.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream)
      .map((o) => {
        try {
          return inflateSync(o.contents).toString("latin1").toUpperCase();
        } catch {
          return "";
        }
      });
    expect(texts.some((t) => t.includes(hex))).toBe(true);

    const zpl = await request.get(`/v1/shipments/${s.awb}/label?format=zpl`, { headers: h.aLive });
    expect(zpl.status()).toBe(200);
    expect(zpl.headers()["content-type"]).toContain("text/plain");
    const text = await zpl.text();
    expect(text.startsWith("^XA")).toBe(true);
    expect(text).toContain(`^FD${s.awb}^FS`);
    expect(await invalidFields(await request.get(`/v1/shipments/${s.awb}/label?format=png`, { headers: h.aLive }))).toEqual(["format"]);
  });
});

test("a test-mode shipment is picked up by itself within about a minute, and then cannot be cancelled", async ({ request }) => {
  const s = await createShipment(request, h.aTest);
  expect(s.status).toBe("created");
  // scripts/e2e-server.ts runs test mode 10× faster: the minute to pickup is 6 s here, and
  // the shipment stays picked up for 6 s more (then it is in transit).
  await expect
    .poll(async () => (await body(await request.get(`/v1/shipments/${s.awb}`, { headers: h.aTest }))).data.status, {
      timeout: 20_000,
      intervals: [250],
    })
    .toBe("picked_up");
  const track = (await body(await request.get(`/v1/shipments/${s.awb}/track`, { headers: h.aTest }))).data;
  expect(track.events.map((e: { status: string }) => e.status)).toEqual(["created", "picked_up"]);
  expect(await outcome(await request.delete(`/v1/shipments/${s.awb}`, { headers: h.aTest }))).toEqual([409, "shipment_not_cancellable"]);
  const picked = (await body(await request.get("/v1/shipments?status=picked_up&per_page=100", { headers: h.aTest }))).data.map(
    (x: { awb: string }) => x.awb,
  );
  expect(picked).toContain(s.awb);
  expect(await outcome(await request.get(`/v1/shipments/${s.awb}`, { headers: h.aLive }))).toEqual([404, "not_found"]);
});

test.describe("idempotency", () => {
  test("the same key and body returns the first response; another body is 422", async ({ request }) => {
    const key = `e2e-${Date.now()}-${Math.random()}`;
    const headers = { ...h.aLive, "Idempotency-Key": key };
    const first = await request.post("/v1/shipments", { headers, data: SHIPMENT });
    const again = await request.post("/v1/shipments", {
      headers,
      data: { reference: "E2E-1", parcels: [PARCEL], recipient: ADDRESS, sender: SENDER, service: "STANDARD" },
    });
    expect([first.status(), again.status()]).toEqual([201, 201]);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect(await outcome(await request.post("/v1/shipments", { headers, data: { ...SHIPMENT, reference: "other" } }))).toEqual([
      422,
      "idempotency_key_reused",
    ]);
    expect(await outcome(await request.post("/v1/pickups", { headers, data: PICKUP() }))).toEqual([422, "idempotency_key_reused"]);
    // Keys belong to the API user: customer B's same key is a new request.
    const b = await request.post("/v1/shipments", { headers: { ...h.bLive, "Idempotency-Key": key }, data: SHIPMENT });
    expect(b.status()).toBe(201);
    expect((await body(b)).data.awb).not.toBe((await body(first)).data.awb);
  });

  test("concurrent retries create one shipment", async ({ request }) => {
    const key = `e2e-concurrent-${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        request.post("/v1/shipments", {
          headers: { ...h.tenantLive, "Idempotency-Key": key },
          data: { ...SHIPMENT, reference: key.slice(0, 60) },
        }),
      ),
    );
    expect(responses.map((r) => r.status())).toEqual([201, 201, 201, 201]);
    const awbs = new Set(await Promise.all(responses.map(async (r) => (await body(r)).data.awb)));
    expect(awbs.size).toBe(1);
    const listed = (await body(await request.get("/v1/shipments?per_page=100", { headers: h.tenantLive }))).data.filter(
      (s: { reference: string }) => s.reference === key.slice(0, 60),
    );
    expect(listed).toHaveLength(1);
  });

  test("a failed request is not remembered; quotes and pickups take keys too", async ({ request }) => {
    const key = `e2e-fix-${Date.now()}`;
    const headers = { ...h.aLive, "Idempotency-Key": key };
    expect(await invalidFields(await request.post("/v1/pickups", { headers, data: { ...PICKUP(), parcel_count: 0 } }))).toEqual([
      "parcel_count",
    ]);
    const data = PICKUP();
    const first = await request.post("/v1/pickups", { headers, data });
    const again = await request.post("/v1/pickups", { headers, data });
    expect([first.status(), again.status()]).toEqual([201, 201]);
    expect((await body(again)).data.id).toBe((await body(first)).data.id);
    const qKey = { ...h.aLive, "Idempotency-Key": `${key}-quote` };
    const q1 = await request.post("/v1/rates/quote", { headers: qKey, data: QUOTE });
    const q2 = await request.post("/v1/rates/quote", { headers: qKey, data: QUOTE });
    expect(await q2.text()).toBe(await q1.text());
    expect(
      await invalidFields(
        await request.post("/v1/shipments", { headers: { ...h.aLive, "Idempotency-Key": "with space" }, data: SHIPMENT }),
      ),
    ).toEqual(["header.Idempotency-Key"]);
  });
});

test.describe("pickups", () => {
  test("book, read and cancel a pickup; other scopes and environments get 404", async ({ request }) => {
    const created = await request.post("/v1/pickups", { headers: h.aLive, data: PICKUP() });
    expect(created.status(), await created.text()).toBe(201);
    const p = (await body(created)).data;
    expect(p).toMatchObject({ status: "scheduled", environment: "live", parcel_count: 3, notes: "Gate 2", address: { city: "Hamburg" } });
    expect((await body(await request.get(`/v1/pickups/${p.id}`, { headers: h.aLive }))).data).toEqual(p);
    expect((await request.get(`/v1/pickups/${p.id}`, { headers: h.tenantLive })).status()).toBe(200);
    for (const headers of [h.bLive, h.aTest, h.tenantTest]) {
      expect(await outcome(await request.get(`/v1/pickups/${p.id}`, { headers }))).toEqual([404, "not_found"]);
      expect(await outcome(await request.delete(`/v1/pickups/${p.id}`, { headers }))).toEqual([404, "not_found"]);
    }
    expect(await outcome(await request.get("/v1/pickups/does-not-exist", { headers: h.aLive }))).toEqual([404, "not_found"]);
    const cancelled = await request.delete(`/v1/pickups/${p.id}`, { headers: h.aLive });
    expect((await body(cancelled)).data.status).toBe("cancelled");
    expect(await outcome(await request.delete(`/v1/pickups/${p.id}`, { headers: h.aLive }))).toEqual([409, "pickup_not_cancellable"]);
    // A test-mode pickup lives in the test environment only.
    const t = (await body(await request.post("/v1/pickups", { headers: h.aTest, data: PICKUP() }))).data;
    expect(t.environment).toBe("test");
    expect(await outcome(await request.get(`/v1/pickups/${t.id}`, { headers: h.aLive }))).toEqual([404, "not_found"]);
  });

  test("a completed pickup cannot be cancelled (409)", async ({ request }) => {
    expect((await body(await request.get(`/v1/pickups/${DEMO_COMPLETED_PICKUP_ID}`, { headers: h.aLive }))).data.status).toBe("completed");
    expect(await outcome(await request.delete(`/v1/pickups/${DEMO_COMPLETED_PICKUP_ID}`, { headers: h.aLive }))).toEqual([
      409,
      "pickup_not_cancellable",
    ]);
    expect(await outcome(await request.get(`/v1/pickups/${DEMO_COMPLETED_PICKUP_ID}`, { headers: h.bLive }))).toEqual([404, "not_found"]);
  });

  test("pickup input errors name each field", async ({ request }) => {
    expect(
      await invalidFields(
        await request.post("/v1/pickups", {
          headers: h.aLive,
          data: { address: {}, ready_at: "tomorrow", close_at: inHours(1), parcel_count: 1.5 },
        }),
      ),
    ).toEqual(["address.city", "address.country", "address.name", "address.postal_code", "address.street1", "parcel_count", "ready_at"]);
    expect(
      await invalidFields(
        await request.post("/v1/pickups", { headers: h.aLive, data: { ...PICKUP(), ready_at: inHours(5), close_at: inHours(4) } }),
      ),
    ).toEqual(["close_at"]);
    expect(
      await invalidFields(
        await request.post("/v1/pickups", { headers: h.aLive, data: { ...PICKUP(), ready_at: inHours(-48), close_at: inHours(-44) } }),
      ),
    ).toEqual(["ready_at"]);
  });
});

test("each endpoint refuses a token without its permission (403)", async ({ request }) => {
  const s = await createShipment(request, h.tenantLive);
  // Every operation of the catalogue with a permission, called with a valid body (its
  // documented example) on a live shipment: a refused call must change nothing.
  const call = (op: ApiOperation, headers: Headers) =>
    request.fetch(op.path.replace("{awb}", s.awb).replace("{id}", DEMO_COMPLETED_PICKUP_ID), {
      method: op.method,
      headers,
      data: op.body ? exampleOf(op.body) : undefined,
    });
  const calls: [ApiOperation, Headers, string][] = [
    ...OPERATIONS.filter((op) => op.permission && op.permission !== "services:list").map((op): [ApiOperation, Headers, string] => [
      op,
      h.servicesOnly,
      "services only",
    ]),
    ...OPERATIONS.filter((op) => op.permission === "shipments:cancel" || op.permission === "labels:read").map(
      (op): [ApiOperation, Headers, string] => [op, h.reader, "reader"],
    ),
  ];
  expect(calls.length).toBeGreaterThanOrEqual(12);
  for (const [op, headers, who] of calls) {
    const response = await call(op, headers);
    const b = await body(response);
    expect([response.status(), b.error?.code, b.error?.details?.permission], `${op.method} ${op.path} as ${who}`).toEqual([
      403,
      "permission_denied",
      op.permission,
    ]);
  }
  // Nothing was cancelled by the refused calls.
  expect((await body(await request.get(`/v1/shipments/${s.awb}`, { headers: h.tenantLive }))).data.status).toBe("created");
});

test("openapi.json is public, valid JSON, and lists exactly the routes that exist", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const doc = JSON.parse(await response.text());
  expect(doc.openapi).toBe("3.1.0");
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(documented.sort()).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
  // Every documented operation is answered by its route (never the catch-all's "no such endpoint").
  for (const route of documented) {
    const [method, path] = route.split(" ") as [string, string];
    const url = path.replace("{awb}", DEMO_PICKED_UP_AWB).replace("{id}", DEMO_COMPLETED_PICKUP_ID);
    const r = await request.fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      data: method === "POST" ? "{}" : undefined,
    });
    const code = r.status() === 404 ? (await body(r)).error?.code : null;
    expect([route, r.status() < 500, code], route).toEqual([route, true, null]);
  }
  expect((await request.get("/v1/openapi.json")).status()).toBe(200);
  // OPTIONS (and the 405s) agree with the document on what each path allows.
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    const url = path.replace("{awb}", DEMO_PICKED_UP_AWB).replace("{id}", DEMO_COMPLETED_PICKUP_ID);
    const options = await request.fetch(url, { method: "OPTIONS" });
    expect(options.status(), path).toBe(204);
    const allowed = (options.headers()["allow"] ?? "").split(", ").filter((m) => m !== "HEAD" && m !== "OPTIONS");
    expect(allowed.sort(), path).toEqual(
      Object.keys(ops)
        .map((m) => m.toUpperCase())
        .sort(),
    );
  }
  expect(await outcome(await request.put("/v1/shipments", { headers: h.aLive, data: {} }))).toEqual([405, "method_not_allowed"]);
});

test.describe("dashboard", () => {
  const contract = "Contract tariff (key accounts)";

  test("an admin edits a band price and the next quote of the linked customer uses it", async ({ page, request }) => {
    await signIn(page, "ADMIN");
    await page.goto("/services");
    await expect(page.getByRole("heading", { name: "Services & Pricing" })).toBeVisible();
    const label = `ECONOMY in ${contract} up to 2 kg`;
    // The table is one form with one Save button (issue 16).
    await page.getByLabel(label, { exact: true }).fill("abc");
    await page.getByRole("button", { name: `Save ${contract} prices` }).click();
    await expect(page.getByText("An amount such as 5.90")).toBeVisible();
    await page.getByLabel(label, { exact: true }).fill("4.35");
    await page.getByRole("button", { name: `Save ${contract} prices` }).click();
    await expect(page.getByText("An amount such as 5.90")).toBeHidden();
    const economy = async (headers: Headers) =>
      (await body(await request.post("/v1/rates/quote", { headers, data: { ...QUOTE, service: "ECONOMY" } }))).data.rates[0].price.amount;
    await expect.poll(() => economy(h.aLive)).toBe("4.35");
    expect(await economy(h.bLive)).toBe("4.90");

    // A service switched on is listed by the API, and off again.
    const codes = async () =>
      (await body(await request.get("/v1/services", { headers: h.tenantLive }))).data.map((s: { code: string }) => s.code);
    await page.getByRole("button", { name: "Activate Same Day City" }).click();
    await expect.poll(codes).toContain("SAMEDAY");
    await page.getByRole("button", { name: "Deactivate Same Day City" }).click();
    await expect.poll(codes).not.toContain("SAMEDAY");

    // Linking a customer to a table (customers are listed by name).
    const atlas = DEMO_TENANT.customers[2] ?? "";
    const linkedBoth = page.getByText(`Linked to ${atlas}, ${DEMO_TENANT.customers[0]}`);
    await page.getByRole("combobox", { name: `Rate table of ${atlas}` }).selectOption({ label: contract });
    await page.getByRole("button", { name: `Save rate table of ${atlas}` }).click();
    await expect(linkedBoth).toBeVisible();
    await page.getByRole("combobox", { name: `Rate table of ${atlas}` }).selectOption({ label: "Tenant default" });
    await page.getByRole("button", { name: `Save rate table of ${atlas}` }).click();
    await expect(linkedBoth).toBeHidden();
    await expect(page.getByText(`Linked to ${DEMO_TENANT.customers[0]}`)).toBeVisible();
  });

  test("a developer or read-only member sees prices but cannot change them", async ({ page }) => {
    for (const role of ["DEVELOPER", "READ_ONLY"] as const) {
      await page.context().clearCookies();
      await signIn(page, role);
      await page.goto("/services");
      await expect(page.getByRole("heading", { name: contract })).toBeVisible();
      await expect(page.getByText("Only owners and admins can change prices.")).toBeVisible();
      await expect(page.getByRole("button", { name: /^(Save|Activate|Deactivate)/ })).toHaveCount(0);
    }
  });

  test("the Endpoint reference shows every operation with its permission and a curl line with the Client ID", async ({ page, request }) => {
    await signIn(page, "READ_ONLY");
    await page.goto("/developers");
    await expect(page.getByRole("heading", { name: "Endpoint reference", level: 1 })).toBeVisible();
    const doc = await (await request.get("/v1/openapi.json")).json();
    const operations = Object.values(doc.paths as Record<string, Record<string, unknown>>).flatMap((ops) => Object.keys(ops));
    await expect(page.getByRole("article")).toHaveCount(operations.length);
    const create = page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: "/v1/shipments", exact: true }) })
      .filter({ hasText: "Create a shipment" });
    await expect(create).toContainText("shipments:create");
    await expect(create).toContainText(`X-Tenant: ${ids.tenant}`);
    await expect(create).toContainText("Idempotency-Key");
    await expect(create).toContainText('"recipient"');
    await expect(page.getByRole("article").filter({ hasText: "List shipments" })).toContainText("created_from");
  });
});

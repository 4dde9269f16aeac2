import { inflateSync } from "node:zlib";
import { PDFDocument, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { isValidAwb } from "@/lib/couriers/awb";
import { shipmentLabel } from "@/lib/couriers/labels";
import { cancelPickup, createPickup, getPickup } from "@/lib/couriers/pickups";
import { CreatePickupInput, CreateShipmentInput, parseShipmentCursor, type ShipmentCursor } from "@/lib/couriers/schemas";
import { cancelShipment, createShipment, getShipment, listCustomerShipments, listShipments, trackShipment } from "@/lib/couriers/shipments";
import { db } from "@/lib/db";
import { ADDRESS, makeCourierTenant, PARCEL, rejection } from "./support/couriers";

const shipmentInput = (over: Record<string, unknown> = {}) =>
  CreateShipmentInput.parse({
    service: "standard",
    reference: "ORDER-1",
    sender: { ...ADDRESS, name: "Sender", city: "Hamburg" },
    recipient: ADDRESS,
    parcels: [PARCEL],
    ...over,
  });

const list = { page: 1, per_page: 20 };

describe("shipments", () => {
  it("creates a priced shipment with an AWB, status created and a first tracking event", async () => {
    const t = await makeCourierTenant();
    const s = await createShipment(t.scope(t.customerA.id), t.apiUser.id, shipmentInput());
    expect(isValidAwb(s.awb)).toBe(true);
    expect(s).toMatchObject({
      status: "created",
      environment: "live",
      service: { code: "STANDARD" },
      reference: "ORDER-1",
      weight_grams: 1200,
      billable_grams: 1200,
    });
    expect(s.price).toEqual({ amount: "5.90", amount_cents: 590, currency: "EUR" });
    expect(s.customer?.client_id).toBe(t.customerA.clientId);
    const tracking = await trackShipment(t.scope(t.customerA.id), s.awb);
    expect(tracking.events).toEqual([expect.objectContaining({ status: "created", location: "Hamburg" })]);
    // Customer B pays the default table.
    const b = await createShipment(t.scope(t.customerB.id), t.apiUser.id, shipmentInput());
    expect(b.price.amount_cents).toBe(690);
    // A tenant-wide caller in tenant scope books for no customer.
    const own = await createShipment(t.scope(null), null, shipmentInput());
    expect(own.customer).toBeNull();
  });

  it("keeps customers, environments and tenants apart: a foreign AWB is the same 404 as a missing one", async () => {
    const t = await makeCourierTenant();
    const other = await makeCourierTenant();
    const a = await createShipment(t.scope(t.customerA.id), null, shipmentInput());
    const aTest = await createShipment(t.scope(t.customerA.id, "TEST"), null, shipmentInput());
    for (const [scope, awb] of [
      [t.scope(t.customerB.id), a.awb],
      [t.scope(t.customerA.id, "TEST"), a.awb],
      [t.scope(t.customerA.id), aTest.awb],
      [t.scope(null, "TEST"), a.awb],
      [other.scope(null), a.awb],
    ] as const) {
      for (const call of [getShipment, trackShipment, cancelShipment]) {
        const error = await rejection(call(scope, awb));
        expect([error.status, error.code]).toEqual([404, "not_found"]);
      }
      expect((await rejection(shipmentLabel(scope, awb, "pdf"))).status).toBe(404);
    }
    // The tenant scope sees every customer's shipment of its environment.
    expect((await getShipment(t.scope(null), a.awb)).awb).toBe(a.awb);
    const live = await listShipments(t.scope(null), list);
    expect(live.items.map((s) => s.awb)).toEqual([a.awb]);
    expect((await listShipments(t.scope(t.customerB.id), list)).total).toBe(0);
    expect((await listShipments(t.scope(t.customerA.id, "TEST"), list)).items.map((s) => s.awb)).toEqual([aTest.awb]);
    // A mistyped AWB (check digit) and garbage are 404 too.
    const typo = a.awb.slice(0, 10) + ((Number(a.awb[10]) + 1) % 10);
    expect((await rejection(getShipment(t.scope(null), typo))).status).toBe(404);
    expect((await rejection(getShipment(t.scope(null), "../../etc"))).status).toBe(404);
  });

  it("lists with pagination and filters by status and creation date", async () => {
    const t = await makeCourierTenant();
    const scope = t.scope(t.customerA.id);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createShipment(scope, null, shipmentInput({ reference: `R${i}` })));
    await cancelShipment(scope, made[0]?.awb ?? "");
    const page1 = await listShipments(scope, { page: 1, per_page: 2 });
    const page3 = await listShipments(scope, { page: 3, per_page: 2 });
    expect([page1.total, page1.items.length, page3.items.length]).toEqual([5, 2, 1]);
    expect(page1.items[0]?.reference).toBe("R4");
    expect((await listShipments(scope, { ...list, status: "cancelled" })).items.map((s) => s.awb)).toEqual([made[0]?.awb]);
    expect((await listShipments(scope, { ...list, status: "created" })).total).toBe(4);
    const prisma = await db();
    await prisma.shipment.updateMany({
      where: { awb: made[1]?.awb ?? "", tenantId: t.tenant.id },
      data: { createdAt: new Date("2026-01-15T10:00:00Z") },
    });
    expect((await listShipments(scope, { ...list, created_from: "2026-01-15", created_to: "2026-01-15" })).items.map((s) => s.awb)).toEqual(
      [made[1]?.awb],
    );
    expect((await listShipments(scope, { ...list, created_to: "2026-01-14" })).total).toBe(0);
    expect((await listShipments(scope, { ...list, created_from: "2026-01-15T10:00:01Z" })).total).toBe(4);
  });

  it("cancels only before pickup; afterwards 409 shipment_not_cancellable", async () => {
    const t = await makeCourierTenant();
    const scope = t.scope(null);
    const s = await createShipment(scope, null, shipmentInput());
    const cancelled = await cancelShipment(scope, s.awb);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelled_at).not.toBeNull();
    expect((await rejection(cancelShipment(scope, s.awb))).code).toBe("shipment_not_cancellable");
    expect((await rejection(shipmentLabel(scope, s.awb, "pdf"))).code).toBe("shipment_cancelled");
    const picked = await createShipment(scope, null, shipmentInput());
    const prisma = await db();
    await prisma.shipment.updateMany({ where: { awb: picked.awb, tenantId: t.tenant.id }, data: { status: "PICKED_UP" } });
    const error = await rejection(cancelShipment(scope, picked.awb));
    expect([error.status, error.code]).toEqual([409, "shipment_not_cancellable"]);
  });

  it("moves TEST shipments on by the clock when read, writing each step once; LIVE ones stay", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    const test = await createShipment(t.scope(null, "TEST"), null, shipmentInput());
    const live = await createShipment(t.scope(null), null, shipmentInput());
    const ago = (ms: number) => new Date(Date.now() - ms);
    await prisma.shipment.updateMany({ where: { tenantId: t.tenant.id }, data: { createdAt: ago(130_000) } });
    await prisma.trackingEvent.updateMany({ where: { shipment: { tenantId: t.tenant.id } }, data: { occurredAt: ago(130_000) } });
    // Two concurrent readers: the steps are still written once.
    const [x, y] = await Promise.all([trackShipment(t.scope(null, "TEST"), test.awb), trackShipment(t.scope(null, "TEST"), test.awb)]);
    expect([x.status, y.status]).toEqual(["in_transit", "in_transit"]);
    const track = await trackShipment(t.scope(null, "TEST"), test.awb);
    expect(track.events.map((e) => e.status)).toEqual(["created", "picked_up", "in_transit"]);
    expect((await rejection(cancelShipment(t.scope(null, "TEST"), test.awb))).code).toBe("shipment_not_cancellable");
    expect((await getShipment(t.scope(null), live.awb)).status).toBe("created");
    await prisma.shipment.updateMany({ where: { tenantId: t.tenant.id, environment: "TEST" }, data: { createdAt: ago(300_000) } });
    await prisma.trackingEvent.updateMany({
      where: { shipment: { tenantId: t.tenant.id, environment: "TEST" }, status: "CREATED" },
      data: { occurredAt: ago(300_000) },
    });
    // Listing advances too, so a status filter sees the current state.
    expect((await listShipments(t.scope(null, "TEST"), { ...list, status: "delivered" })).items.map((s) => s.awb)).toEqual([test.awb]);
    // (Order by time is skewed here: the test moved createdAt, not the events written before.)
    const statuses = (await trackShipment(t.scope(null, "TEST"), test.awb)).events.map((e) => e.status);
    expect(statuses.sort()).toEqual(["created", "delivered", "in_transit", "out_for_delivery", "picked_up"]);
  });

  it("lists a customer's shipments for the dashboard", async () => {
    const t = await makeCourierTenant();
    const a = await createShipment(t.scope(t.customerA.id), null, shipmentInput());
    await createShipment(t.scope(t.customerB.id), null, shipmentInput());
    const { shipments: rows, older } = await listCustomerShipments(t.tenant.id, t.customerA.id);
    expect(rows.map((r) => r.awb)).toEqual([a.awb]);
    expect(older).toBeNull();
    expect(rows[0]).toMatchObject({ status: "created", environment: "LIVE", service: "Standard", recipient: "Jane Doe, Berlin, DE" });
    const other = await makeCourierTenant();
    expect(await listCustomerShipments(other.tenant.id, t.customerA.id)).toEqual({ shipments: [], older: null });
  });

  it("pages a customer's shipments by cursor, newest first, none lost or repeated", async () => {
    const t = await makeCourierTenant();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createShipment(t.scope(t.customerA.id), null, shipmentInput())).awb);
    // Two of them in the same millisecond: the id orders them.
    const prisma = await db();
    const same = new Date(Date.UTC(2030, 0, 1));
    await prisma.shipment.updateMany({ where: { tenantId: t.tenant.id, awb: { in: made.slice(1, 3) } }, data: { createdAt: same } });
    const seen: string[] = [];
    let before: ShipmentCursor | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page: Awaited<ReturnType<typeof listCustomerShipments>> = await listCustomerShipments(t.tenant.id, t.customerA.id, before, 2);
      seen.push(...page.shipments.map((s) => s.awb));
      if (!page.older) break;
      before = parseShipmentCursor(page.older);
    }
    expect([...seen].sort()).toEqual([...made].sort());
    expect(seen).toHaveLength(5);
  });

  it("pages GET /v1/shipments by cursor and caps nothing it can count", async () => {
    const t = await makeCourierTenant();
    for (let i = 0; i < 5; i++) await createShipment(t.scope(null), null, shipmentInput());
    const all = await listShipments(t.scope(null), { page: 1, per_page: 100 });
    expect(all).toMatchObject({ total: 5, totalExact: true, nextCursor: null });
    const seen: string[] = [];
    let cursor: ShipmentCursor | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await listShipments(t.scope(null), { page: 1, per_page: 2, cursor });
      expect(page.total).toBe(5);
      seen.push(...page.items.map((s) => s.awb));
      if (!page.nextCursor) break;
      cursor = parseShipmentCursor(page.nextCursor) ?? undefined;
    }
    expect(seen).toEqual(all.items.map((s) => s.awb));
    // page/per_page still work, and hand over a cursor for the rest.
    const second = await listShipments(t.scope(null), { page: 2, per_page: 2 });
    expect(second.items.map((s) => s.awb)).toEqual(all.items.slice(2, 4).map((s) => s.awb));
    const rest = await listShipments(t.scope(null), {
      page: 1,
      per_page: 2,
      cursor: parseShipmentCursor(second.nextCursor ?? "") ?? undefined,
    });
    expect(rest.items.map((s) => s.awb)).toEqual(all.items.slice(4).map((s) => s.awb));
    expect(parseShipmentCursor("not-a-cursor")).toBeNull();
  });
});

describe("labels", () => {
  it("is a one-page 288×432 pt PDF holding the AWB as text", async () => {
    const t = await makeCourierTenant();
    const s = await createShipment(
      t.scope(null),
      null,
      shipmentInput({ recipient: { ...ADDRESS, name: "Łukasz Żółć", city: "Kraków", country: "PL" } }),
    );
    const label = await shipmentLabel(t.scope(null), s.awb, "pdf");
    expect(label.contentType).toBe("application/pdf");
    const pdf = await PDFDocument.load(label.body as Uint8Array);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([width, height]).toEqual([288, 432]);
    expect(pdf.getTitle()).toContain(s.awb);
    // The drawn AWB: Helvetica text is written as hex in the (deflated) content stream.
    const hex = Buffer.from(s.awb.replace(/^(\d{3})(\d{4})(\d{4})$/, "$1 $2 $3"), "latin1")
      .toString("hex")
      .toUpperCase();
    const streams = pdf.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter((obj): obj is PDFRawStream => obj instanceof PDFRawStream)
      .map((stream) => {
        try {
          return inflateSync(stream.contents).toString("latin1");
        } catch {
          return Buffer.from(stream.contents).toString("latin1");
        }
      });
    expect(streams.some((text) => text.toUpperCase().includes(hex))).toBe(true);
    // The destination's sort code (lib/couriers/routing.ts), and the service printed once.
    const drawn = (value: string) =>
      streams.join("").toUpperCase().split(Buffer.from(value, "latin1").toString("hex").toUpperCase()).length - 1;
    expect(drawn(`PL ${ADDRESS.postal_code.slice(0, 2)} ${ADDRESS.postal_code.slice(2, 4)}`)).toBe(1);
    expect(drawn("STANDARD")).toBe(1);
    expect(drawn("Standard")).toBe(0);
    // …with the barcode image.
    expect(streams.length).toBeGreaterThan(1);
  });

  it("is ZPL on request", async () => {
    const t = await makeCourierTenant();
    const s = await createShipment(t.scope(null), null, shipmentInput({ reference: "A^B~C" }));
    const label = await shipmentLabel(t.scope(null), s.awb, "zpl");
    const zpl = label.body as string;
    expect(zpl.startsWith("^XA")).toBe(true);
    expect(zpl.trim().endsWith("^XZ")).toBe(true);
    expect(zpl).toContain(`^BCN,220,Y,N,N^FD${s.awb}^FS`);
    expect(zpl).toContain("Reference: A B C");
  });
});

describe("pickups", () => {
  const pickupInput = (readyInMs = 3_600_000) =>
    CreatePickupInput.parse({
      address: ADDRESS,
      ready_at: new Date(Date.now() + readyInMs).toISOString(),
      close_at: new Date(Date.now() + readyInMs + 4 * 3_600_000).toISOString(),
      parcel_count: 2,
    });

  it("books, reads and cancels within the scope; completed pickups are 409", async () => {
    const t = await makeCourierTenant();
    const scope = t.scope(t.customerA.id);
    const p = await createPickup(scope, null, pickupInput());
    expect(p).toMatchObject({ status: "scheduled", environment: "live", parcel_count: 2 });
    expect((await getPickup(scope, p.id)).id).toBe(p.id);
    for (const foreign of [t.scope(t.customerB.id), t.scope(t.customerA.id, "TEST"), (await makeCourierTenant()).scope(null)]) {
      expect((await rejection(getPickup(foreign, p.id))).status).toBe(404);
      expect((await rejection(cancelPickup(foreign, p.id))).status).toBe(404);
    }
    expect((await cancelPickup(scope, p.id)).status).toBe("cancelled");
    expect((await rejection(cancelPickup(scope, p.id))).code).toBe("pickup_not_cancellable");
    const done = await createPickup(scope, null, pickupInput());
    const prisma = await db();
    await prisma.pickup.update({ where: { id: done.id }, data: { status: "COMPLETED" } });
    const error = await rejection(cancelPickup(scope, done.id));
    expect([error.status, error.code]).toEqual([409, "pickup_not_cancellable"]);
  });

  it("completes TEST pickups by the clock", async () => {
    const t = await makeCourierTenant();
    const scope = t.scope(null, "TEST");
    const p = await createPickup(scope, null, pickupInput());
    const prisma = await db();
    await prisma.pickup.update({ where: { id: p.id }, data: { createdAt: new Date(Date.now() - 130_000) } });
    expect((await getPickup(scope, p.id)).status).toBe("completed");
  });

  it("validates the time window", () => {
    const now = Date.now();
    const r = CreatePickupInput.safeParse({
      address: ADDRESS,
      ready_at: new Date(now - 86_400_000).toISOString(),
      close_at: new Date(now - 90_000_000).toISOString(),
      parcel_count: 0,
    });
    expect(r.success).toBe(false);
    // Every problem at once, the window checks included.
    expect(r.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["close_at", "parcel_count", "ready_at"]);
    const r2 = CreatePickupInput.safeParse({
      address: ADDRESS,
      ready_at: new Date(now - 86_400_000).toISOString(),
      close_at: new Date(now - 90_000_000).toISOString(),
      parcel_count: 1,
    });
    expect(r2.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["close_at", "ready_at"]);
    // A malformed date with otherwise valid fields: the window check must not see the raw string.
    const r3 = CreatePickupInput.safeParse({
      address: ADDRESS,
      ready_at: "tomorrow",
      close_at: new Date(now).toISOString(),
      parcel_count: 1,
    });
    expect(r3.error?.issues.map((i) => i.path.join("."))).toEqual(["ready_at"]);
  });
});

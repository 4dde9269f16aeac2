import { describe, expect, it } from "vitest";
import { CreateShipmentInput } from "@/lib/couriers/schemas";
import { parseShipmentSearchParams } from "@/lib/couriers/shipment-filters";
import {
  matchApiUsers,
  matchCustomers,
  searchShipments,
  shipmentDetail,
  staffShipmentLabel,
  tenantApiUser,
  type ShipmentSearch,
} from "@/lib/couriers/shipment-search";
import { cancelShipment, createShipment } from "@/lib/couriers/shipments";
import { db } from "@/lib/db";
import { ADDRESS, makeCourierTenant, PARCEL, rejection } from "./support/couriers";

const input = (reference: string) =>
  CreateShipmentInput.parse({
    service: "standard",
    reference,
    sender: { ...ADDRESS, city: "Hamburg" },
    recipient: ADDRESS,
    parcels: [PARCEL],
  });

/** Every page of a search, following `after`; the AWBs in the order shown. */
async function allPages(tenantId: string, search: ShipmentSearch, size: number) {
  const pages: string[][] = [];
  let after: ShipmentSearch["after"];
  for (;;) {
    const page = await searchShipments(tenantId, { ...search, after }, size);
    pages.push(page.items.map((s) => s.reference ?? ""));
    if (!page.older) return { pages, last: page };
    const [at, id] = page.older.split("_");
    after = { createdAt: new Date(at!), id: id! };
  }
}

describe("dashboard shipment search", () => {
  it("pages newest first by (createdAt, id), shipments of the same millisecond once each, both ways", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await createShipment(t.scope(null), t.apiUser.id, input(`R${i}`)));
    // R1, R2 and R3 share one millisecond: only the id orders them.
    const at = (ms: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, 0, ms));
    const times = [at(1), at(5), at(5), at(5), at(9), at(9), at(20)];
    for (let i = 0; i < made.length; i++) await prisma.shipment.updateMany({ where: { awb: made[i]!.awb }, data: { createdAt: times[i] } });
    const rows = await prisma.shipment.findMany({
      where: { tenantId: t.tenant.id },
      select: { reference: true, createdAt: true, id: true },
    });
    const expected = rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.reference ?? "");

    const { pages, last } = await allPages(t.tenant.id, { environment: "LIVE" }, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual(expected);

    // Back from the last page with `before`: the same pages, in reverse.
    const back: string[][] = [];
    let newer = last.newer;
    while (newer) {
      const [ts, id] = newer.split("_");
      const page = await searchShipments(t.tenant.id, { environment: "LIVE", before: { createdAt: new Date(ts!), id: id! } }, 2);
      back.unshift(page.items.map((s) => s.reference ?? ""));
      newer = page.newer;
    }
    expect(back).toEqual(pages.slice(0, -1));
  });

  it("filters by status, environment, customer and API user", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    const other = await prisma.apiUser.create({
      data: { tenantId: t.tenant.id, username: "other", usernameLower: "other", passwordHash: "unused", permissions: [] },
    });
    await createShipment(t.scope(null), t.apiUser.id, input("wide"));
    await createShipment(t.scope(t.customerA.id), other.id, input("a-other"));
    const cancelled = await createShipment(t.scope(t.customerB.id), t.apiUser.id, input("b-cancelled"));
    await cancelShipment(t.scope(t.customerB.id), cancelled.awb);
    await createShipment(t.scope(null, "TEST"), t.apiUser.id, input("test"));
    const refs = async (search: ShipmentSearch) => (await searchShipments(t.tenant.id, search)).items.map((s) => s.reference).sort();

    expect(await refs({ environment: "LIVE" })).toEqual(["a-other", "b-cancelled", "wide"]);
    expect(await refs({ environment: "TEST" })).toEqual(["test"]);
    expect(await refs({ environment: "LIVE", status: "cancelled" })).toEqual(["b-cancelled"]);
    expect(await refs({ environment: "LIVE", status: "created" })).toEqual(["a-other", "wide"]);
    expect(await refs({ environment: "LIVE", customerId: t.customerA.id })).toEqual(["a-other"]);
    expect(await refs({ environment: "LIVE", apiUserId: t.apiUser.id })).toEqual(["b-cancelled", "wide"]);
    expect(await refs({ environment: "TEST", apiUserId: other.id })).toEqual([]);
    const row = (await searchShipments(t.tenant.id, { environment: "LIVE", customerId: t.customerA.id })).items[0];
    expect(row).toMatchObject({
      customer: { id: t.customerA.id },
      apiUser: { username: "other" },
      lastEvent: { description: "Shipment data received" },
    });
  });

  it("never shows another tenant's shipment, customer or API user", async () => {
    const mine = await makeCourierTenant();
    const theirs = await makeCourierTenant();
    const foreign = await createShipment(theirs.scope(theirs.customerA.id), theirs.apiUser.id, input("theirs"));
    await createShipment(mine.scope(null), mine.apiUser.id, input("mine"));

    expect((await searchShipments(mine.tenant.id, { environment: "LIVE" })).items.map((s) => s.reference)).toEqual(["mine"]);
    // Their customer's or user's id as my filter: nothing, not their shipments.
    expect((await searchShipments(mine.tenant.id, { environment: "LIVE", customerId: theirs.customerA.id })).items).toEqual([]);
    expect((await searchShipments(mine.tenant.id, { environment: "LIVE", apiUserId: theirs.apiUser.id })).items).toEqual([]);
    expect(await shipmentDetail(mine.tenant.id, foreign.awb)).toBeNull();
    expect(await tenantApiUser(mine.tenant.id, theirs.apiUser.id)).toBeNull();
    expect((await rejection(staffShipmentLabel(mine.tenant.id, foreign.awb, "pdf"))).code).toBe("not_found");
    expect((await matchApiUsers(mine.tenant.id, "courier")).map((u) => u.id)).toEqual([mine.apiUser.id]);
    expect((await matchCustomers(mine.tenant.id, "customer B")).map((c) => c.id)).toEqual([mine.customerB.id]);
  });

  it("shows a shipment's detail and label to staff in either environment; a cancelled one has no label", async () => {
    const t = await makeCourierTenant();
    const test = await createShipment(t.scope(t.customerA.id, "TEST"), t.apiUser.id, input("test"));
    const detail = await shipmentDetail(t.tenant.id, test.awb);
    expect(detail).toMatchObject({ awb: test.awb, environment: "TEST", customer: { id: t.customerA.id }, parcels: [PARCEL] });
    expect(detail?.events.map((e) => e.status)).toEqual(["created"]);
    const label = await staffShipmentLabel(t.tenant.id, test.awb, "pdf");
    expect(label.contentType).toBe("application/pdf");
    expect(Buffer.from(label.body).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await staffShipmentLabel(t.tenant.id, test.awb, "zpl")).body).toContain(`^FD${test.awb}^FS`);
    await cancelShipment(t.scope(t.customerA.id, "TEST"), test.awb);
    expect((await rejection(staffShipmentLabel(t.tenant.id, test.awb, "pdf"))).code).toBe("shipment_cancelled");
    expect(await shipmentDetail(t.tenant.id, "not-an-awb")).toBeNull();
  });

  it("finds API users by username or e-mail, ten at most", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    await prisma.apiUser.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        tenantId: t.tenant.id,
        username: `Shop-${String(i).padStart(2, "0")}`,
        usernameLower: `shop-${String(i).padStart(2, "0")}`,
        email: i === 3 ? "ops@warehouse.example" : null,
        passwordHash: "unused",
        permissions: [],
      })),
    });
    expect(await matchApiUsers(t.tenant.id, "SHOP")).toHaveLength(10);
    expect((await matchApiUsers(t.tenant.id, "shop-1")).map((u) => u.label)).toEqual(["Shop-10", "Shop-11"]);
    expect((await matchApiUsers(t.tenant.id, "WAREHOUSE")).map((u) => u.label)).toEqual(["Shop-03"]);
    expect(await matchApiUsers(t.tenant.id, "%_\\")).toEqual([]);
  });

  it("drops query-string values that are not valid instead of failing", () => {
    expect(
      parseShipmentSearchParams({
        status: "lost",
        environment: "prod",
        customer: "x' OR 1=1",
        apiUser: ["abc", "def"],
        after: "yesterday",
      }),
    ).toEqual({ status: undefined, environment: undefined, customer: undefined, apiUser: "abc", after: undefined, before: undefined });
    expect(parseShipmentSearchParams({ status: "delivered", environment: "test", after: "2026-11-25T12:30:00.123Z_abc123" })).toMatchObject(
      {
        status: "delivered",
        environment: "test",
        after: { createdAt: new Date("2026-11-25T12:30:00.123Z"), id: "abc123" },
      },
    );
  });
});

import { describe, expect, it } from "vitest";
import { CreateShipmentInput } from "@/lib/couriers/schemas";
import { cancelShipment, createShipment, getShipment, shipmentView, trackShipment } from "@/lib/couriers/shipments";
import { statusJson } from "@/lib/couriers/tracking";
import { db } from "@/lib/db";
import { ADDRESS, makeCourierTenant, PARCEL } from "./support/couriers";

// GET /v1/shipments/{awb} and its track read through one driver query each: what they answer
// must be what Prisma reads of the same rows (JSON, times in UTC, service and customer).

const input = (over: Record<string, unknown> = {}) =>
  CreateShipmentInput.parse({ service: "standard", sender: ADDRESS, recipient: ADDRESS, parcels: [PARCEL, PARCEL], ...over });

async function asPrismaReadsIt(awb: string) {
  const prisma = await db();
  const row = await prisma.shipment.findFirstOrThrow({
    where: { awb },
    include: { service: { select: { code: true, name: true, description: true } }, customer: { select: { clientId: true, name: true } } },
  });
  const events = await prisma.trackingEvent.findMany({ where: { shipmentId: row.id }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  return {
    view: shipmentView(row),
    track: {
      awb,
      status: statusJson(row.status),
      events: events.map((e) => ({
        status: statusJson(e.status),
        description: e.description,
        location: e.location,
        occurred_at: e.occurredAt.toISOString(),
      })),
    },
  };
}

describe("reading one shipment", () => {
  it("answers as Prisma reads it: a customer's, a tenant's own, a TEST one and a cancelled one", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    const forCustomer = await createShipment(t.scope(t.customerA.id), t.apiUser.id, input({ reference: "Ünïcode ✓ 1" }));
    const own = await createShipment(t.scope(null), null, input({ service: "express" }));
    const test = await createShipment(t.scope(t.customerB.id, "TEST"), null, input());
    const cancelled = await createShipment(t.scope(null), null, input());
    await cancelShipment(t.scope(null), cancelled.awb);
    // A time with milliseconds far from now, so a time zone or rounding slip would show.
    await prisma.shipment.updateMany({ where: { awb: own.awb }, data: { createdAt: new Date("2026-01-15T23:59:58.987Z") } });

    for (const [scope, awb] of [
      [t.scope(t.customerA.id), forCustomer.awb],
      [t.scope(null), forCustomer.awb],
      [t.scope(null), own.awb],
      [t.scope(t.customerB.id, "TEST"), test.awb],
      [t.scope(null), cancelled.awb],
    ] as const) {
      const { view, track } = await asPrismaReadsIt(awb);
      expect(await getShipment(scope, awb)).toEqual(view);
      expect(await trackShipment(scope, awb)).toEqual(track);
    }
    expect((await getShipment(t.scope(null), own.awb)).created_at).toBe("2026-01-15T23:59:58.987Z");
    expect((await getShipment(t.scope(null), cancelled.awb)).cancelled_at).not.toBeNull();
  });

  it("shows a shipment's customer by its current name and a service switched off since", async () => {
    const t = await makeCourierTenant();
    const prisma = await db();
    const s = await createShipment(t.scope(t.customerA.id), null, input());
    await prisma.customer.update({ where: { id: t.customerA.id }, data: { name: "Renamed A" } });
    await prisma.service.updateMany({ where: { tenantId: t.tenant.id, code: "STANDARD" }, data: { active: false } });
    const read = await getShipment(t.scope(t.customerA.id), s.awb);
    expect(read.customer).toEqual({ client_id: t.customerA.clientId, name: "Renamed A" });
    expect(read.service.code).toBe("STANDARD");
    expect(read).toEqual((await asPrismaReadsIt(s.awb)).view);
  });
});

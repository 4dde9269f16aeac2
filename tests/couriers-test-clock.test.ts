import { afterEach, describe, expect, it, vi } from "vitest";
import { createPickup, getPickup } from "@/lib/couriers/pickups";
import { CreatePickupInput, CreateShipmentInput } from "@/lib/couriers/schemas";
import { cancelShipment, createShipment, getShipment, trackShipment } from "@/lib/couriers/shipments";
import { fixedTestClock, testClock, testTimeScale } from "@/lib/couriers/test-clock";
import { MAX_TEST_TIME_SCALE, resetEnv } from "@/lib/server/env";
import { advanceDueTestShipments, dueSteps } from "@/lib/couriers/tracking";
import { db } from "@/lib/db";
import { ADDRESS, makeCourierTenant, PARCEL, rejection } from "./support/couriers";

const shipmentInput = () =>
  CreateShipmentInput.parse({ service: "standard", sender: { ...ADDRESS, city: "Hamburg" }, recipient: ADDRESS, parcels: [PARCEL] });
const movable = (environment: "LIVE" | "TEST", createdAt: Date) => ({
  id: "x",
  environment,
  status: "CREATED" as const,
  createdAt,
  sender: null,
  recipient: null,
});
const statuses = (steps: { status: string }[]) => steps.map((s) => s.status);

// The configuration is parsed once per process: a test that changes it parses it again.
const setScale = (value: string | undefined) => {
  vi.stubEnv("TEST_MODE_TIME_SCALE", value);
  resetEnv();
};

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

describe("test-mode clock", () => {
  it("runs at real time unless TEST_MODE_TIME_SCALE says otherwise, and refuses nonsense", () => {
    setScale(undefined);
    expect(testTimeScale()).toBe(1);
    setScale("");
    expect(testTimeScale()).toBe(1);
    setScale("60");
    expect(testClock().scale).toBe(60);
    for (const bad of ["0", "0.5", "-60", "fast", "Infinity", String(MAX_TEST_TIME_SCALE + 1)]) {
      setScale(bad);
      expect(() => testTimeScale(), bad).toThrow(/TEST_MODE_TIME_SCALE/);
    }
  });

  it("moves a TEST shipment along its timeline by the clock, and a LIVE one never, at any speed", () => {
    const created = new Date("2026-03-01T10:00:00Z");
    const at = (ms: number, scale = 1) => fixedTestClock(created.getTime() + ms, scale);
    expect(dueSteps(movable("TEST", created), at(59_999))).toEqual([]);
    expect(statuses(dueSteps(movable("TEST", created), at(60_000)))).toEqual(["PICKED_UP"]);
    expect(statuses(dueSteps(movable("TEST", created), at(240_000)))).toEqual(["PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"]);
    // Sixty times faster: a second of real time is the minute to pickup.
    expect(dueSteps(movable("TEST", created), at(999, 60))).toEqual([]);
    expect(statuses(dueSteps(movable("TEST", created), at(1_000, 60)))).toEqual(["PICKED_UP"]);
    expect(statuses(dueSteps(movable("TEST", created), at(4_000, 60)))).toHaveLength(4);
    expect(dueSteps(movable("LIVE", created), at(86_400_000, MAX_TEST_TIME_SCALE))).toEqual([]);
  });

  it("writes the steps at the real times they fell due, and leaves LIVE shipments alone", async () => {
    const t = await makeCourierTenant();
    const test = await createShipment(t.scope(null, "TEST"), null, shipmentInput());
    const live = await createShipment(t.scope(null), null, shipmentInput());
    const prisma = await db();
    const row = await prisma.shipment.findFirstOrThrow({ where: { tenantId: t.tenant.id, awb: test.awb } });
    // Two and a half real seconds at 60×: picked up (1 s) and in transit (2 s), not yet out for delivery (3 s).
    await advanceDueTestShipments({ tenantId: t.tenant.id }, fixedTestClock(row.createdAt.getTime() + 2_500, 60));
    const track = await trackShipment(t.scope(null, "TEST"), test.awb);
    expect(track.status).toBe("in_transit");
    expect(track.events.map((e) => [e.status, Date.parse(e.occurred_at) - row.createdAt.getTime()])).toEqual([
      ["created", expect.any(Number)],
      ["picked_up", 1_000],
      ["in_transit", 2_000],
    ]);
    expect((await rejection(cancelShipment(t.scope(null, "TEST"), test.awb))).code).toBe("shipment_not_cancellable");
    expect((await getShipment(t.scope(null), live.awb)).status).toBe("created");
  });

  it("is what the API reads: TEST_MODE_TIME_SCALE speeds up TEST shipments and pickups", async () => {
    setScale(String(MAX_TEST_TIME_SCALE));
    const t = await makeCourierTenant();
    const scope = t.scope(null, "TEST");
    const s = await createShipment(scope, null, shipmentInput());
    const input = CreatePickupInput.parse({
      address: ADDRESS,
      ready_at: new Date(Date.now() + 3_600_000).toISOString(),
      close_at: new Date(Date.now() + 7_200_000).toISOString(),
      parcel_count: 1,
    });
    const p = await createPickup(scope, null, input);
    // 600× makes the minute to pickup 100 ms and the two minutes to a completed pickup 200 ms.
    // A busy machine may read it only steps later: moved on at all is what the scale shows.
    await expect.poll(async () => (await getShipment(scope, s.awb)).status, { timeout: 5_000, interval: 50 }).not.toBe("created");
    await expect.poll(async () => (await getPickup(scope, p.id)).status, { timeout: 5_000, interval: 50 }).toBe("completed");
    const live = await createShipment(t.scope(null), null, shipmentInput());
    const livePickup = await createPickup(t.scope(null), null, input);
    await (await db()).pickup.update({ where: { id: livePickup.id }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    await advanceDueTestShipments({ tenantId: t.tenant.id }, fixedTestClock(Date.now() + 86_400_000, MAX_TEST_TIME_SCALE));
    expect((await getShipment(t.scope(null), live.awb)).status).toBe("created");
    expect((await getPickup(t.scope(null), livePickup.id)).status).toBe("scheduled");
  });
});

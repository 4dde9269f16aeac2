import { randomBytes } from "node:crypto";
import { PrismaClient } from "@prisma/client";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, vi } from "vitest";
import { cancelPickup, createPickup } from "@/lib/couriers/pickups";
import { CreatePickupInput, CreateShipmentInput } from "@/lib/couriers/schemas";
import { cancelShipment, createShipment, trackShipment } from "@/lib/couriers/shipments";
import { db } from "@/lib/db";
import { createDriver } from "@/lib/db/driver";
import { resetKeyring, sealedKeyId } from "@/lib/secrets";
import { resetEnv } from "@/lib/server/env";
import { rotateWebhookSecrets } from "@/lib/webhooks/key-rotation";
import { isForbiddenAddress } from "@/lib/webhooks/address-guard";
import { createEndpoint, deleteEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from "@/lib/webhooks/endpoints";
import { FAILING_DISABLES_AFTER_MS, WebhookWorker } from "@/lib/webhooks/worker";
import { webhookTestKeys } from "./support/webhook-keys";
import { ADDRESS, makeCourierTenant, PARCEL, rejection } from "./support/couriers";
import { startReceiver, type Received } from "./support/webhook-receiver";

const who = { actor: "owner@test.example", ip: "203.0.113.9" };
const ALL = ["shipment.created", "shipment.status_changed", "shipment.cancelled", "pickup.created", "pickup.cancelled", "pickup.completed"];

const shipmentInput = () =>
  CreateShipmentInput.parse({ service: "standard", sender: { ...ADDRESS, city: "Hamburg" }, recipient: ADDRESS, parcels: [PARCEL] });

/** The payload, after the standardwebhooks library accepted its signature with `secret`. */
function verified(secret: string, r: Received) {
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
  return new Webhook(secret).verify(r.body, headers) as { type: string; data: Record<string, unknown> };
}

/** Ticks a worker until `done` or a bound of ticks (no clock in the assertion: only the outcome). */
async function drain(worker: WebhookWorker, done: () => boolean, ticks = 50) {
  for (let i = 0; i < ticks && !done(); i++) {
    await worker.tick();
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const endpointIds = webhookTestKeys();

async function setUp(environment: "LIVE" | "TEST" = "LIVE", answers: number[] = []) {
  const t = await makeCourierTenant();
  const receiver = await startReceiver(answers);
  const owner = { tenantId: t.tenant.id, apiUserId: t.apiUser.id };
  const { endpoint, secret } = await createEndpoint(owner, who, {
    url: receiver.url,
    events: ALL,
    description: "orders",
    enabled: true,
    environment,
  });
  endpointIds.add(endpoint.id);
  return { t, receiver, owner, endpoint, secret };
}

describe("webhooks", () => {
  it("delivers shipment and pickup events signed per Standard Webhooks, with test objects only to test endpoints", async () => {
    const { t, receiver, secret } = await setUp("LIVE");
    const testSide = await setUp("TEST");
    const worker = new WebhookWorker({ schedule: [0, 0, 0] });
    const s = await createShipment(t.scope(t.customerA.id), t.apiUser.id, shipmentInput());
    await cancelShipment(t.scope(t.customerA.id), s.awb);
    const pickup = await createPickup(
      t.scope(null),
      t.apiUser.id,
      CreatePickupInput.parse({
        address: ADDRESS,
        ready_at: new Date(Date.now() + 3_600_000).toISOString(),
        close_at: new Date(Date.now() + 7_200_000).toISOString(),
        parcel_count: 1,
      }),
    );
    await cancelPickup(t.scope(null), pickup.id);
    // A TEST shipment in the same tenant: never to the LIVE endpoint.
    await createShipment(t.scope(t.customerA.id, "TEST"), t.apiUser.id, shipmentInput());
    await drain(worker, () => receiver.received.length >= 5);
    expect(receiver.types()).toEqual([
      "shipment.created",
      "shipment.cancelled",
      "shipment.status_changed",
      "pickup.created",
      "pickup.cancelled",
    ]);
    const payloads = receiver.received.map((r) => verified(secret, r));
    expect(payloads[0]?.data).toMatchObject({ shipment: { awb: s.awb, status: "created", environment: "live" } });
    expect(payloads[2]?.data).toMatchObject({ previous_status: "created", tracking_event: { status: "cancelled" } });
    // Each message has its own id; the body and headers carry no secret.
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(5);
    expect(JSON.stringify(receiver.received)).not.toContain(secret);
    // A wrong secret does not verify.
    const other = new Webhook("whsec_" + Buffer.alloc(32, 1).toString("base64"));
    expect(() => other.verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>)).toThrow();
    // The test endpoint of the other tenant got nothing of this tenant's.
    expect(testSide.receiver.received).toHaveLength(0);
    await receiver.close();
    await testSide.receiver.close();
  });

  it("retries after 500s with the same webhook-id, logs each attempt, and gives up after the schedule", async () => {
    const { t, receiver, secret, endpoint } = await setUp("LIVE", [500, 500, 503]);
    const worker = new WebhookWorker({ schedule: [0, 0, 0, 0] });
    await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    await drain(worker, () => receiver.received.length >= 4);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of receiver.received) expect(verified(secret, r).type).toBe("shipment.created");
    const prisma = await db();
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id }, include: { log: true } });
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attempts: 4 });
    expect(delivery.log.map((a) => a.statusCode).sort()).toEqual([200, 500, 500, 503]);
    expect(delivery.log.find((a) => a.statusCode === 503)?.responseExcerpt).toBe("failed with 503");

    // Always failing: three attempts for a schedule of three, then FAILED; the endpoint is marked failing.
    const failing = await setUp("LIVE", [500, 500, 500, 500]);
    const short = new WebhookWorker({ schedule: [0, 0, 0] });
    await createShipment(failing.t.scope(null), failing.t.apiUser.id, shipmentInput());
    await drain(short, () => failing.receiver.received.length >= 3);
    await short.tick();
    const failed = await prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: failing.endpoint.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(failing.receiver.received).toHaveLength(3);
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: failing.endpoint.id } })).failingSince).not.toBeNull();
    await receiver.close();
    await failing.receiver.close();
  });

  it("disables and flags an endpoint that has failed for five days", async () => {
    const { t, receiver, endpoint, owner } = await setUp("LIVE", [500]);
    const prisma = await db();
    await prisma.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - FAILING_DISABLES_AFTER_MS - 1000) },
    });
    await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    await drain(new WebhookWorker({ schedule: [0, 60_000] }), () => receiver.received.length >= 1);
    const [after] = await listEndpoints(owner);
    expect(after).toMatchObject({ enabled: false, disabled_reason: "failing" });
    expect(await prisma.activityEvent.count({ where: { tenantId: t.tenant.id, action: "webhook.auto_disable" } })).toBe(1);
    // Enabling again clears the flag.
    const enabled = await updateEndpoint(owner, who, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
    await receiver.close();
  });

  it("signs with both secrets during a rotation's overlap, and with the new one only without", async () => {
    const { t, receiver, owner, endpoint, secret: old } = await setUp("LIVE");
    const worker = new WebhookWorker({ schedule: [0] });
    const { secret: next } = await rotateEndpointSecret(owner, who, endpoint.id, 3_600_000);
    expect(next).not.toBe(old);
    await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    await drain(worker, () => receiver.received.length >= 1);
    const [first] = receiver.received;
    expect(String(first?.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(next, first!).type).toBe("shipment.created");
    expect(verified(old, first!).type).toBe("shipment.created");

    const { secret: third } = await rotateEndpointSecret(owner, who, endpoint.id, 0);
    await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    await drain(worker, () => receiver.received.length >= 2);
    const second = receiver.received[1]!;
    expect(String(second.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verified(third, second).type).toBe("shipment.created");
    expect(() => verified(next, second)).toThrow();
    // The activity names the rotation, never a secret.
    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { tenantId: t.tenant.id } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["webhook.create", "webhook.rotate_secret"]));
    for (const s of [old, next, third]) expect(JSON.stringify(events)).not.toContain(s.slice(6));
    await receiver.close();
  });

  it("secrets:rotate re-seals an endpoint's signing secrets under the new key; the integrator's secrets stay the same", async () => {
    const { t, receiver, owner, endpoint, secret: old } = await setUp("LIVE");
    const { secret: next } = await rotateEndpointSecret(owner, who, endpoint.id, 3_600_000);
    const prisma = await db();
    const stored = () => prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    const before = await stored();
    const keys = process.env.SECRET_KEYS ?? "";
    vi.stubEnv("SECRET_KEYS", `${keys},rotated:${randomBytes(32).toString("base64")}`);
    vi.stubEnv("SECRET_KEY_CURRENT", "rotated");
    resetEnv();
    resetKeyring();
    try {
      // Other files' endpoints (their own keys, on a shared database) may be named unreadable: not this one.
      expect((await rotateWebhookSecrets(2)).unreadable).not.toContain(endpoint.id);
      const after = await stored();
      expect([after.secret, after.previousSecret].map((s) => sealedKeyId(s ?? ""))).toEqual(["rotated", "rotated"]);
      expect(after.secret).not.toBe(before.secret);
      // Both secrets still sign: a delivery carries two signatures, one for each.
      const worker = new WebhookWorker({ schedule: [0] });
      await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
      await drain(worker, () => receiver.received.length >= 1);
      expect(verified(next, receiver.received[0]!).type).toBe("shipment.created");
      expect(verified(old, receiver.received[0]!).type).toBe("shipment.created");
    } finally {
      vi.stubEnv("SECRET_KEYS", keys);
      vi.stubEnv("SECRET_KEY_CURRENT", "");
      resetEnv();
      resetKeyring();
      await receiver.close();
    }
  });

  it("sends one shipment.status_changed per tracking event of a test shipment's automatic progression, in order", async () => {
    const { t, receiver, secret } = await setUp("TEST");
    const worker = new WebhookWorker({ schedule: [0] });
    const s = await createShipment(t.scope(t.customerA.id, "TEST"), t.apiUser.id, shipmentInput());
    // Its whole timeline is due: the worker's own sweep moves it on, nobody reads it.
    const prisma = await db();
    await prisma.shipment.updateMany({
      where: { awb: s.awb, tenantId: t.tenant.id },
      data: { createdAt: new Date(Date.now() - 3_600_000) },
    });
    await drain(worker, () => receiver.received.length >= 5);
    const payloads = receiver.received.map((r) => verified(secret, r));
    expect(payloads.map((p) => p.type)).toEqual(["shipment.created", ...Array(4).fill("shipment.status_changed")]);
    const tracked = await trackShipment(t.scope(t.customerA.id, "TEST"), s.awb);
    const changes = payloads
      .slice(1)
      .map((p) => p.data as { tracking_event: { status: string; occurred_at: string }; previous_status: string });
    expect(changes.map((c) => c.tracking_event)).toEqual(
      // The first event (created) is the shipment's own, moved back in time above: the others are the progression.
      tracked.events
        .filter((e) => e.status !== "created")
        .map((e) => expect.objectContaining({ status: e.status, occurred_at: e.occurred_at })),
    );
    expect(changes.map((c) => c.previous_status)).toEqual(["created", "picked_up", "in_transit", "out_for_delivery"]);
    await receiver.close();
  });

  it("sends a customer's API user its customer's events only, and a tenant-wide user every customer's", async () => {
    const { t, receiver: wide, secret } = await setUp("LIVE");
    const prisma = await db();
    const customerUser = await prisma.apiUser.create({
      data: {
        tenantId: t.tenant.id,
        customerId: t.customerA.id,
        username: "a-user",
        usernameLower: "a-user",
        passwordHash: "unused",
        permissions: [],
      },
    });
    const narrow = await startReceiver();
    const { endpoint, secret: narrowSecret } = await createEndpoint({ tenantId: t.tenant.id, apiUserId: customerUser.id }, who, {
      url: narrow.url,
      events: ["shipment.created"],
      description: "",
      enabled: true,
      environment: "LIVE",
    });
    endpointIds.add(endpoint.id);
    const a = await createShipment(t.scope(t.customerA.id), null, shipmentInput());
    const b = await createShipment(t.scope(t.customerB.id), null, shipmentInput());
    const worker = new WebhookWorker({ schedule: [0] });
    await drain(worker, () => wide.received.length >= 2 && narrow.received.length >= 1);
    await worker.tick();
    const awbs = (r: Received[], key: string) => r.map((x) => (verified(key, x).data.shipment as { awb: string }).awb);
    expect(awbs(narrow.received, narrowSecret)).toEqual([a.awb]);
    expect(awbs(wide.received, secret).sort()).toEqual([a.awb, b.awb].sort());
    await wide.close();
    await narrow.close();
  });

  it("refuses private, loopback, link-local and metadata addresses unless allowed", async () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.169.254",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "fc00::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:a9fe:a9fe",
      "not-an-ip",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.215.14", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])
      expect(isForbiddenAddress(address), address).toBe(false);

    vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "0");
    resetEnv();
    try {
      const t = await makeCourierTenant();
      const owner = { tenantId: t.tenant.id, apiUserId: t.apiUser.id };
      const fields = { events: ["shipment.created"], description: "", enabled: true, environment: "LIVE" as const };
      for (const url of [
        "http://127.0.0.1:9/hooks",
        "http://[::1]/x",
        "http://2130706433/x",
        "http://169.254.169.254/latest",
        "http://[::ffff:7f00:1]/",
      ]) {
        const error = await rejection(createEndpoint(owner, who, { ...fields, url }));
        expect(error.status, url).toBe(422);
        expect((error.details as { fields: Record<string, string[]> }).fields.url).toBeDefined();
      }
      expect(await listEndpoints(owner)).toEqual([]);
    } finally {
      vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "1");
      resetEnv();
    }
  });

  it("refuses at delivery an endpoint whose address became private after it was saved", async () => {
    const { t, receiver, endpoint } = await setUp("LIVE");
    vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "0");
    resetEnv();
    try {
      await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
      const worker = new WebhookWorker({ schedule: [0] });
      const prisma = await db();
      await drain(worker, () => false, 3);
      const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id }, include: { log: true } });
      expect(delivery.status).toBe("FAILED");
      expect(delivery.log[0]).toMatchObject({ statusCode: null, error: expect.stringContaining("private") });
      expect(receiver.received).toHaveLength(0);
    } finally {
      vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "1");
      resetEnv();
      await receiver.close();
    }
  });

  it("writes no event for a change that rolled back, and none to another tenant or a deleted endpoint", async () => {
    const { t, receiver, owner, endpoint } = await setUp("LIVE");
    const prisma = await db();
    const before = await prisma.webhookMessage.count({ where: { tenantId: t.tenant.id } });
    // A cancel that fails (already cancelled) changes nothing and emits nothing.
    const s = await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    await cancelShipment(t.scope(null), s.awb);
    await rejection(cancelShipment(t.scope(null), s.awb));
    expect(await prisma.webhookMessage.count({ where: { tenantId: t.tenant.id } })).toBe(before + 3);
    const other = await makeCourierTenant();
    await rejection(deleteEndpoint({ tenantId: other.tenant.id, apiUserId: other.apiUser.id }, who, endpoint.id));
    await deleteEndpoint(owner, who, endpoint.id);
    await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    expect(await prisma.webhookMessage.count({ where: { tenantId: t.tenant.id } })).toBe(before + 3);
    await receiver.close();
  });

  it("never delivers one attempt twice with two workers on one database", async () => {
    const { t, receiver } = await setUp("LIVE");
    for (let i = 0; i < 12; i++) await createShipment(t.scope(null), t.apiUser.id, shipmentInput());
    // On PostgreSQL the second worker has a pool of its own, as a second instance would.
    const url = process.env.DATABASE_URL;
    const second = url ? await createDriver({ url, dataDir: "" }) : null;
    const secondPrisma = second ? new PrismaClient({ adapter: second.adapter }) : null;
    try {
      const one = new WebhookWorker({ schedule: [0] });
      const two = new WebhookWorker({ schedule: [0], ...(secondPrisma && { prisma: async () => secondPrisma }) });
      for (let i = 0; i < 20 && receiver.received.length < 12; i++) await Promise.all([one.tick(), two.tick(), one.tick()]);
      const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    } finally {
      await secondPrisma?.$disconnect();
      await second?.close();
      await receiver.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { CreateShipmentInput } from "@/lib/couriers/schemas";
import { createShipment } from "@/lib/couriers/shipments";
import { issueTokenSecret } from "@/lib/credentials/tokens";
import { closeDatabase, db } from "@/lib/db";
import { resetEnv } from "@/lib/server/env";
import { GET as health } from "@/app/api/v1/health/route";
import { apiRequest, noParams, testPipeline } from "./support/api";
import { ADDRESS, makeCourierTenant, PARCEL } from "./support/couriers";
import { TcpProxy } from "./support/tcp-proxy";

// PostgreSQL cut off under the app, through a TCP proxy this file owns (it stands for the
// database server being stopped and started): what the API answers while it is away, that
// it serves again once it is back, and that every call served before the cut keeps its
// activity event and leaves whole objects. On PGlite there is no connection to cut.
const url = process.env.DATABASE_URL;

describe.runIf(!!url)("a PostgreSQL outage", () => {
  let proxy: TcpProxy;
  let pipeline: ReturnType<typeof testPipeline>;

  beforeAll(async () => {
    if (!url) return;
    const target = new URL(url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    // The app's database and this pipeline's limiter connect through the proxy.
    await closeDatabase();
    vi.stubEnv("DATABASE_URL", proxy.url(url));
    vi.stubEnv("RATE_LIMIT_STORE", "postgres");
    resetEnv();
    pipeline = testPipeline();
  });

  afterAll(async () => {
    await proxy?.restore();
    await pipeline?.close();
    await closeDatabase();
    await proxy?.close();
  });

  async function caller() {
    const t = await makeCourierTenant();
    const prisma = await db();
    await prisma.apiUser.update({ where: { id: t.apiUser.id }, data: { permissions: ["shipments:create"] } });
    const secret = issueTokenSecret("LIVE");
    await prisma.apiToken.create({
      data: { tenantId: t.tenant.id, apiUserId: t.apiUser.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: "LIVE" },
    });
    const headers = { authorization: `Bearer ${secret.token}`, "x-tenant": t.customerA.clientId };
    const route = pipeline.apiRoute(operations.createShipment, async ({ ctx }) => {
      const input = CreateShipmentInput.parse({ service: "standard", sender: ADDRESS, recipient: ADDRESS, parcels: [PARCEL] });
      return ok(await createShipment(ctx.scope, ctx.apiUser.id, input), { status: 201 });
    });
    const book = () => route(apiRequest("/shipments", headers, { method: "POST" }), noParams);
    return { ...t, book };
  }

  async function readyAgain() {
    // The database is back at once; the app notices on its next query. Polled, not timed.
    for (let i = 0; i < 50; i++) {
      if ((await health(apiRequest("/health"), noParams)).status === 200) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  it("answers 503 service_unavailable with Retry-After while it is away, and loses no activity of the calls it served", async () => {
    const t = await caller();
    const served: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.book();
      expect(response.status).toBe(201);
      served.push((await response.json()).data.awb);
    }

    await proxy.refuse();
    for (let i = 0; i < 3; i++) {
      const response = await t.book();
      const body = await response.json();
      expect([response.status, body.error.code]).toEqual([503, "service_unavailable"]);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.headers.get("x-request-id")).toBeTruthy();
    }
    const down = await health(apiRequest("/health"), noParams);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect((await down.json()).error.details).toMatchObject({ live: true, ready: false, database: "unreachable" });
    // Longer than the old queue held a record (5 attempts about a second apart).
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    await proxy.restore();
    expect(await readyAgain()).toBe(true);
    const after = await t.book();
    expect(after.status).toBe(201);
    served.push((await after.json()).data.awb);

    await pipeline.queue.drain(Date.now() + 10_000);
    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { apiUserId: t.apiUser.id }, orderBy: { createdAt: "asc" } });
    // Every served call has its event; the refused ones never got past the token lookup.
    expect(events.map((e) => [e.action, e.status])).toEqual(served.map(() => ["shipments.create", 201]));
    // No half-written shipment: each has its first tracking event.
    const shipments = await prisma.shipment.findMany({ where: { tenantId: t.tenant.id }, include: { events: true } });
    expect(shipments.map((s) => s.awb).sort()).toEqual([...served].sort());
    for (const s of shipments) expect(s.events).toHaveLength(1);
  });

  it("serves again straight after every connection was dropped (a restart), with no uncaught error", async () => {
    const t = await caller();
    expect((await t.book()).status).toBe(201);
    proxy.drop();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.book()).status);
    // At most the first call meets a connection that just died; then it is served again.
    expect(statuses.at(-1)).toBe(201);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
  });
});

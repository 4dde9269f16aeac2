// `npm run bench:webhooks`: what the outbox adds to POST /v1/shipments's work, how fast one
// worker drains the outbox to a receiver on 127.0.0.1, and what an idle poll costs. In
// process, on a throwaway database: in-memory PGlite, or DATABASE_URL's PostgreSQL (needs
// SECRET_KEYS). BENCH_WEBHOOK_EVENTS (default 200) shipments per case. Medians in ms.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

process.env.PGLITE_DIR ||= "memory://";
process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
if (process.env.DATABASE_URL) process.env.SECRET_KEYS ||= `bench:${randomBytes(32).toString("base64")}`;

const { CreateShipmentInput } = await import("@/lib/couriers/schemas");
const { createShipment } = await import("@/lib/couriers/shipments");
const { db } = await import("@/lib/db");
const { createEndpoint } = await import("@/lib/webhooks/endpoints");
const { WebhookWorker } = await import("@/lib/webhooks/worker");
const { makeCourierTenant, ADDRESS, PARCEL } = await import("@/tests/support/couriers");

const N = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 200);
const input = CreateShipmentInput.parse({ service: "standard", sender: ADDRESS, recipient: ADDRESS, parcels: [PARCEL] });
let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received += 1;
    res.end("ok");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

async function median(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(n / 2)] ?? 0).toFixed(2));
}

const quiet = await makeCourierTenant();
const heard = await makeCourierTenant();
const endpoint = await createEndpoint(
  { tenantId: heard.tenant.id, apiUserId: heard.apiUser.id },
  { actor: "bench", ip: null },
  { url, events: ["shipment.created"], description: "bench", enabled: true, environment: "LIVE" },
);
await median(20, () => createShipment(quiet.scope(null), null, input));
const noEndpoint = await median(N, () => createShipment(quiet.scope(null), null, input));
const oneEndpoint = await median(N, () => createShipment(heard.scope(null), heard.apiUser.id, input));
const worker = new WebhookWorker({ schedule: [0] });
const started = performance.now();
while (received < N) await worker.tick();
const drainMs = performance.now() - started;
const idlePoll = await median(N, () => worker.tick());
console.table({
  "createShipment, nobody listens (ms)": noEndpoint,
  "createShipment, one endpoint (ms)": oneEndpoint,
  "deliveries per second, one worker": Math.round(N / (drainMs / 1000)),
  "idle poll (ms)": idlePoll,
});
const prisma = await db();
await prisma.webhookEndpoint.delete({ where: { id: endpoint.endpoint.id } });
receiver.close();
await prisma.$disconnect();
process.exit(0);

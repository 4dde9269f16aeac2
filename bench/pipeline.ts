// The pipeline alone, in-process on the bench database (run by bench/run.ts while no
// server holds it): a trivial handler behind publicRoute and behind apiRoute, so the
// difference is the pipeline's own cost per call (token lookup, scope, limiter, queue).
// Prints one JSON line.
import { NextRequest } from "next/server";
import { activityQueue } from "@/lib/api/activity-queue";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { apiRoute, publicRoute } from "@/lib/api/route";
import { closeDatabase, db } from "@/lib/db";
import { rateLimitStore } from "@/lib/rate-limit";
import { createMemoryRateLimiter } from "@/lib/rate-limit/memory";
import { issueTokenSecret } from "@/lib/credentials/tokens";

const CALLS = Number(process.env.BENCH_PIPELINE_CALLS ?? 1000);
const prisma = await db();
// Not the user the HTTP runs used: the PostgreSQL limiter counts the user's rows of the last
// minute, and those runs leave thousands.
const user = await prisma.apiUser.findFirstOrThrow({ where: { username: "e2e-api-login" }, include: { tenant: true } });
const secret = issueTokenSecret("LIVE");
await prisma.apiToken.create({ data: { tenantId: user.tenantId, apiUserId: user.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: "LIVE", name: "bench pipeline" } });

const params = { params: Promise.resolve({}) } as { params: Promise<Record<string, never>> };
const bare = publicRoute(operations.health, async () => ok({}));
const authed = apiRoute(operations.getMe, async () => ok({}));
const headers = { authorization: `Bearer ${secret.token}`, "x-tenant": user.tenant.clientId, "x-courier-peer": "127.0.0.1" };

async function perCall(run: () => Promise<Response>): Promise<number> {
  for (let i = 0; i < 100; i++) await run();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const response = await run();
    if (response.status !== 200) throw new Error(`status ${response.status}`);
  }
  return (performance.now() - started) / CALLS;
}

const bareMs = await perCall(() => bare(new NextRequest("http://bench/api/v1/x"), params));
const authMs = await perCall(() => authed(new NextRequest("http://bench/api/v1/x", { headers }), params));
let memoryLimiterMs: number | null = null;
if (rateLimitStore() === "postgres") {
  (globalThis as unknown as { courierRateLimiter: unknown }).courierRateLimiter = createMemoryRateLimiter();
  memoryLimiterMs = await perCall(() => authed(new NextRequest("http://bench/api/v1/x", { headers }), params));
}
await activityQueue().flush();
await prisma.activityEvent.deleteMany({ where: { apiUserId: user.id, path: "/v1/x" } });
await closeDatabase();
console.log(JSON.stringify({ bareMs, authMs, memoryLimiterMs, calls: CALLS }));

// The pipeline alone, in-process on the bench database (run by bench/run.ts while no
// server holds it): a trivial handler behind publicRoute and behind apiRoute, so the
// difference is the pipeline's own cost per call (token lookup, scope, limiter, queue).
// Prints one JSON line.
import { NextRequest } from "next/server";
import { ActivityQueue, writeApiCalls } from "@/lib/api/activity-queue";
import { createTokenLookup, TokenCache } from "@/lib/api/credentials";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { createPipeline } from "@/lib/api/route";
import { closeDatabase, db } from "@/lib/db";
import { createRateLimiter, rateLimitStore } from "@/lib/rate-limit";
import { env } from "@/lib/server/env";
import { runShutdownHooks } from "@/lib/server/shutdown";
import { issueTokenSecret } from "@/lib/credentials/tokens";

const CALLS = Number(process.env.BENCH_PIPELINE_CALLS ?? 1000);
const prisma = await db();
// Not the user the HTTP runs used: those runs leave it thousands of hits in the window, which
// the PostgreSQL limiter's calls then delete as they expire (bench/run.ts measures that case).
const user = await prisma.apiUser.findFirstOrThrow({ where: { username: "e2e-api-login" }, include: { tenant: true } });
const secret = issueTokenSecret("LIVE");
await prisma.apiToken.create({
  data: {
    tenantId: user.tenantId,
    apiUserId: user.id,
    tokenHash: secret.tokenHash,
    hint: secret.hint,
    environment: "LIVE",
    name: "bench pipeline",
  },
});

// Built as the app builds its pipeline (lib/api/route.ts), from the same configuration.
const tokens = createTokenLookup(new TokenCache(env().API_TOKEN_CACHE_MS));
const queue = new ActivityQueue(writeApiCalls);
const limiter = createRateLimiter();
const memoryLimiter = createRateLimiter("memory");
const configured = createPipeline({ tokens, limiter, queue });
const withMemoryLimiter = createPipeline({ tokens, limiter: memoryLimiter, queue });

const params = { params: Promise.resolve({}) } as { params: Promise<Record<string, never>> };
const bare = configured.publicRoute(operations.liveness, async () => ok({}));
const authed = configured.apiRoute(operations.getMe, async () => ok({}));
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
  const authedMemory = withMemoryLimiter.apiRoute(operations.getMe, async () => ok({}));
  memoryLimiterMs = await perCall(() => authedMemory(new NextRequest("http://bench/api/v1/x", { headers }), params));
}
await queue.flush();
await Promise.all([limiter.close(), memoryLimiter.close()]);
await prisma.activityEvent.deleteMany({ where: { apiUserId: user.id, path: "/v1/x" } });
// Ends the change feed the token cache listens to (PostgreSQL), as the server does on SIGTERM.
await runShutdownHooks();
await closeDatabase();
console.log(JSON.stringify({ bareMs, authMs, memoryLimiterMs, calls: CALLS }));

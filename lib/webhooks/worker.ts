import "server-only";
import { Prisma, type PrismaClient } from "@prisma/client";
import { activityData } from "@/lib/activity/events";
import { advanceDueTestShipments } from "@/lib/couriers/tracking";
import { completeDueTestPickups } from "@/lib/couriers/pickups";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { SecretIntegrityError, SecretKeyError } from "@/lib/secrets";
import { env } from "@/lib/server/env";
import { onShutdown } from "@/lib/server/shutdown";
import { sendAttempt, TIMEOUT_MS, type AttemptOutcome } from "./deliver";
import { failPending, signingSecrets } from "./endpoints";
import { signedHeaders } from "./signing";

/**
 * The delivery worker: polls the outbox for due deliveries and sends them. Every instance
 * runs one; they share the work through the database alone.
 *
 * - A claim is one statement: the due PENDING rows are picked with FOR UPDATE SKIP LOCKED and
 *   their nextAttemptAt moved past a lease, so a row claimed by one worker is invisible to the
 *   others (a concurrent claim skips its lock, a later one finds it not due). A worker that
 *   dies mid-attempt leaves the row to whoever polls after the lease.
 * - The retry schedule (WEBHOOK_RETRY_SCHEDULE) is kept in the row (attempts, nextAttemptAt),
 *   so it survives restarts; every attempt of one message carries its webhook-id, with a
 *   fresh timestamp and signature.
 * - Within one claim, an endpoint's deliveries go one after another in the order their
 *   events were written (the several tracking steps of one change arrive in order); different
 *   endpoints go in parallel, so one slow receiver does not hold up the others.
 * - An endpoint that has failed every attempt for FAILING_DISABLES_AFTER_MS is disabled and
 *   flagged (disabledReason "failing"), its pending deliveries given up.
 * - Test mode: TEST shipments and pickups advance when read (lib/couriers/tracking.ts); the
 *   worker reads those of tenants with an enabled TEST endpoint on each poll, so their
 *   events are written, and sent, without anyone polling the API.
 */

const LEASE_MS = TIMEOUT_MS + 50_000;
export const FAILING_DISABLES_AFTER_MS = 5 * 86_400_000;
const BATCH = 20;

export interface WorkerOptions {
  /** Delays before attempts 1..n; the first is the outbox's (normally 0). Default WEBHOOK_RETRY_SCHEDULE. */
  schedule?: readonly number[];
  pollMs?: number;
  now?: () => Date;
  /** A Prisma client of its own (a second instance in a test); default the app's. */
  prisma?: () => Promise<PrismaClient>;
}

type Claimed = { id: string; endpointId: string };

/** `timestamp(3)` columns hold UTC wall time: compare with a UTC literal, whatever the session's time zone. */
function utc(at: Date) {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

export class WebhookWorker {
  private readonly schedule: readonly number[];
  private readonly pollMs: number;
  private readonly now: () => Date;
  private readonly prisma: () => Promise<PrismaClient>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  /** Claimed in this tick but not yet attempted: released (due now) when the worker stops. */
  private readonly waiting = new Set<string>();

  constructor(options: WorkerOptions = {}) {
    this.schedule = options.schedule ?? env().WEBHOOK_RETRY_SCHEDULE;
    this.pollMs = options.pollMs ?? env().WEBHOOK_POLL_MS;
    this.now = options.now ?? (() => new Date());
    this.prisma = options.prisma ?? db;
  }

  /** Polls every pollMs until stop(); the timer never keeps the process alive. */
  start(): void {
    const loop = async () => {
      try {
        await this.tick();
      } catch (error) {
        if (isDatabaseUnavailable(error)) console.error("webhooks: database unavailable, retrying");
        else console.error("webhooks: poll failed", error);
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.pollMs).unref();
    };
    this.timer = setTimeout(loop, 0).unref();
  }

  /** Stops polling, gives back what was claimed but not started, and waits for the attempts in flight (until `deadline`). */
  async stop(deadline = Date.now() + TIMEOUT_MS): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.release();
    if (this.running) {
      await Promise.race([this.running.catch(() => 0), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
    }
  }

  /** One poll: moves test objects on, claims due deliveries and sends them; resolves with how many were attempted. */
  tick(): Promise<number> {
    const work = (async () => {
      // A failing sweep (test mode only) must not hold up the deliveries.
      await this.advanceTestObjects().catch((error: unknown) => {
        // An outage is already said once per poll above; its stack every second says nothing more.
        if (!isDatabaseUnavailable(error)) console.error("webhooks: test-mode sweep failed", error);
      });
      const claimed = await this.claim();
      const byEndpoint = new Map<string, Claimed[]>();
      for (const row of claimed) byEndpoint.set(row.endpointId, [...(byEndpoint.get(row.endpointId) ?? []), row]);
      let attempted = 0;
      await Promise.all(
        [...byEndpoint.values()].map(async (rows) => {
          for (const row of rows) {
            if (this.stopped) return;
            this.waiting.delete(row.id);
            await this.attempt(row.id);
            attempted += 1;
          }
        }),
      );
      return attempted;
    })();
    this.running = work;
    return work;
  }

  private async advanceTestObjects(): Promise<void> {
    const listening = { webhookEndpoints: { some: { environment: "TEST" as const, enabled: true } } };
    await advanceDueTestShipments({ tenant: listening });
    await completeDueTestPickups({ tenant: listening });
  }

  private async claim(): Promise<Claimed[]> {
    const prisma = await this.prisma();
    const now = this.now();
    const rows = await prisma.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" AS d SET "nextAttemptAt" = ${utc(new Date(now.getTime() + LEASE_MS))}
      FROM (
        SELECT "id" FROM "WebhookDelivery"
        WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${utc(now)}
        ORDER BY "nextAttemptAt", "seq"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE d."id" = due."id"
      RETURNING d."id", d."endpointId", d."seq"`;
    // RETURNING keeps no order: the events' own order.
    const ordered = (rows as (Claimed & { seq: bigint })[]).sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
    for (const row of ordered) this.waiting.add(row.id);
    return ordered.map(({ id, endpointId }) => ({ id, endpointId }));
  }

  private async release(): Promise<void> {
    const ids = [...this.waiting];
    this.waiting.clear();
    if (ids.length === 0) return;
    const prisma = await this.prisma();
    await prisma.webhookDelivery.updateMany({ where: { id: { in: ids }, status: "PENDING" }, data: { nextAttemptAt: this.now() } });
  }

  /** One attempt of one claimed delivery, and its outcome recorded. */
  private async attempt(deliveryId: string): Promise<void> {
    const prisma = await this.prisma();
    const delivery = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { message: true, endpoint: true } });
    if (!delivery || delivery.status !== "PENDING") return;
    const { endpoint, message } = delivery;
    if (!endpoint.enabled) {
      await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED" } });
      return;
    }
    const body = JSON.stringify(message.payload);
    let outcome: AttemptOutcome;
    try {
      const headers = signedHeaders(signingSecrets(endpoint, this.now()), message.id, Math.floor(this.now().getTime() / 1000), body);
      outcome = await sendAttempt(endpoint.url, headers, body);
    } catch (error) {
      if (!(error instanceof SecretKeyError || error instanceof SecretIntegrityError)) throw error;
      console.error(`webhooks: endpoint ${endpoint.id}: ${error.message}`);
      outcome = {
        ok: false,
        statusCode: null,
        error: "The signing secret cannot be read on this server.",
        responseExcerpt: null,
        durationMs: 0,
      };
    }
    await this.record(delivery.id, delivery.attempts + 1, endpoint, outcome);
  }

  private async record(
    deliveryId: string,
    attempts: number,
    endpoint: { id: string; tenantId: string; apiUserId: string; url: string; failingSince: Date | null },
    outcome: AttemptOutcome,
  ): Promise<void> {
    const prisma = await this.prisma();
    const now = this.now();
    const delay = this.schedule[attempts];
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.create({
        data: {
          deliveryId,
          at: now,
          durationMs: outcome.durationMs,
          statusCode: outcome.statusCode,
          error: outcome.error,
          // PostgreSQL text refuses NUL.
          responseExcerpt: outcome.responseExcerpt?.replaceAll("\u0000", "") ?? null,
        },
      });
      if (outcome.ok) {
        await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "SUCCEEDED", attempts } });
        await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } });
        return;
      }
      await tx.webhookDelivery.update({
        where: { id: deliveryId },
        data:
          delay === undefined
            ? { status: "FAILED", attempts }
            : { status: "PENDING", attempts, nextAttemptAt: new Date(now.getTime() + delay) },
      });
      const since = endpoint.failingSince ?? now;
      if (!endpoint.failingSince) await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: now } });
      if (now.getTime() - since.getTime() >= FAILING_DISABLES_AFTER_MS) await disableFailing(tx, endpoint);
    });
  }
}

async function disableFailing(tx: Prisma.TransactionClient, endpoint: { id: string; tenantId: string; apiUserId: string; url: string }) {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpoint.id, enabled: true },
    data: { enabled: false, disabledReason: "failing" },
  });
  if (count === 0) return;
  await failPending(tx, endpoint.id);
  const user = await tx.apiUser.findUnique({ where: { id: endpoint.apiUserId }, select: { customerId: true } });
  await tx.activityEvent.create({
    data: activityData({
      tenantId: endpoint.tenantId,
      customerId: user?.customerId ?? null,
      apiUserId: endpoint.apiUserId,
      actor: "webhooks",
      action: "webhook.auto_disable",
      details: { endpointId: endpoint.id, origin: new URL(endpoint.url).origin, reason: "failing for 5 days" },
    }),
  });
}

// One per process, on globalThis like the shutdown hooks: Next may bundle this module more than once.
const holder = globalThis as unknown as { courierWebhookWorker?: WebhookWorker };

/** Starts this process's worker once (instrumentation.ts) and stops it on SIGTERM before the final flushes. */
export function startWebhookWorker(): void {
  if (holder.courierWebhookWorker) return;
  const worker = (holder.courierWebhookWorker = new WebhookWorker());
  worker.start();
  onShutdown((deadline) => worker.stop(deadline));
}

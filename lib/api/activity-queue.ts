import "server-only";
import { activityData, type ActivityInput } from "@/lib/activity/events";
import { usageRollup } from "@/lib/activity/usage";
import { db } from "@/lib/db";
import { onShutdown } from "@/lib/server/shutdown";

/** One API call's writes: its activity event and, when a token made it, the token's last use. */
export interface ApiCallRecord {
  event: ActivityInput & { createdAt: Date };
  tokenUse?: { tokenId: string; at: Date; ip: string | null };
  attempts?: number;
}

const FLUSH_EVERY_MS = 250;
const FLUSH_AT = 200;
// If the database is down for long, keep at most this many records and drop the oldest.
const MAX_PENDING = 50_000;
// A record that keeps failing on its own (say its token row was deleted) is dropped after this.
const MAX_ATTEMPTS = 5;

/**
 * Batches activity events and token last-used updates off the request path: flushed every
 * 250 ms or every 200 records, and on shutdown (server.mjs runs the hook after the last
 * request in flight), so nothing is lost on SIGTERM. When a batch fails, its records are
 * written one by one so that one bad record cannot hold back the rest; the ones that
 * still fail wait for the next flush.
 */
export class ActivityQueue {
  private pending: ApiCallRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly write: (records: ApiCallRecord[]) => Promise<void>) {}

  get size(): number {
    return this.pending.length;
  }

  push(record: ApiCallRecord): void {
    this.pending.push(record);
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** Writes everything queued so far; resolves when it (and any flush before it) is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    try {
      await this.write(batch);
      return;
    } catch (error) {
      console.error(`activity flush of ${batch.length} records failed; writing them one by one`, error);
    }
    const failed: ApiCallRecord[] = [];
    for (const record of batch) {
      try {
        await this.write([record]);
      } catch {
        const attempts = (record.attempts ?? 0) + 1;
        if (attempts < MAX_ATTEMPTS) failed.push({ ...record, attempts });
        else console.error(`activity record dropped after ${attempts} attempts: ${record.event.action} ${record.event.path ?? ""}`);
      }
    }
    if (!failed.length) return;
    this.pending = [...failed, ...this.pending].slice(-MAX_PENDING);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS * 4).unref();
  }
}

/** One createMany for the events, one update per token (its latest use in the batch). */
export async function writeApiCalls(records: ApiCallRecord[]): Promise<void> {
  const prisma = await db();
  const latest = new Map<string, NonNullable<ApiCallRecord["tokenUse"]>>();
  for (const { tokenUse } of records) {
    if (tokenUse && (latest.get(tokenUse.tokenId)?.at ?? 0) <= tokenUse.at) latest.set(tokenUse.tokenId, tokenUse);
  }
  await prisma.$transaction([
    prisma.activityEvent.createMany({ data: records.map((r) => activityData(r.event)) }),
    ...[...latest.values()].map((use) =>
      prisma.apiToken.updateMany({ where: { id: use.tokenId }, data: { lastUsedAt: use.at, lastUsedIp: use.ip } }),
    ),
    ...usageRollup(prisma, records),
  ]);
}

let appQueue: ActivityQueue | undefined;

/**
 * The app's queue, built on first use with its final flush registered as a shutdown hook:
 * the one the app's pipeline (lib/api/route.ts) and the token login write to. Tests and
 * the bench give a pipeline a `new ActivityQueue(writeApiCalls)` of their own.
 */
export function activityQueue(): ActivityQueue {
  if (!appQueue) {
    const queue = new ActivityQueue(writeApiCalls);
    onShutdown(() => queue.flush());
    appQueue = queue;
  }
  return appQueue;
}

import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { database } from "@/lib/db";
import { env } from "@/lib/server/env";
import { onShutdown } from "@/lib/server/shutdown";

/**
 * Invalidation of in-memory copies (verified tokens, services, tenants) on every instance:
 * `broadcast(topic, key)` after a committed change tells this process's subscribers at once
 * (synchronously: the very next request sees it) and, on PostgreSQL, every other instance
 * through `NOTIFY courier_changes` (delivered within milliseconds). On PGlite the app is one
 * process, so the first half is all there is.
 *
 * A cache may only trust what it holds while `broadcastTrusted()`: on PostgreSQL that is
 * while this process LISTENs. When the listening connection drops, notifications may be
 * missed: every subscriber's reset runs (drop everything) and caches are bypassed until it
 * listens again, so no instance serves from a copy that could have missed a change.
 */

export type ChangeListener = (key: string) => void;

const CHANNEL = "courier_changes";
const RETRY_MS = [250, 500, 1_000, 2_000];
// A half-open connection would look like one that listens: a query now and then proves it.
const HEARTBEAT_MS = 10_000;

interface Hub {
  /** Tells one notification of ours from another instance's. */
  instance: string;
  topics: Map<string, Set<ChangeListener>>;
  resets: Set<() => void>;
  listener?: ChangeFeed;
}

// On globalThis: server actions and route handlers are bundled apart by Next, and a change
// made in one must reach the caches of the other (as lib/server/shutdown.ts).
const holder = globalThis as unknown as { courierBroadcast?: Hub };
const hub: Hub = (holder.courierBroadcast ??= {
  instance: randomUUID(),
  topics: new Map<string, Set<ChangeListener>>(),
  resets: new Set(),
});

/**
 * Subscribes to changes of `topic` (the key is the changed thing's id); `onReset` runs when
 * the cross-instance feed is interrupted or resumes, so the cache must drop everything.
 * Returns the unsubscribe.
 */
export function subscribe(topic: string, listener: ChangeListener, onReset: () => void): () => void {
  let set = hub.topics.get(topic);
  if (!set) hub.topics.set(topic, (set = new Set()));
  set.add(listener);
  hub.resets.add(onReset);
  startFeed();
  return () => {
    set.delete(listener);
    hub.resets.delete(onReset);
  };
}

/** Whether a cache may serve what it holds: always on PGlite; on PostgreSQL while this process listens. */
export function broadcastTrusted(): boolean {
  if (!env().DATABASE_URL) return true;
  // Stopped by the shutdown hooks (a test may run them and go on): subscribers listen again.
  if (!hub.listener && hub.resets.size) startFeed();
  return hub.listener?.listening === true;
}

/** Resolves once caches may be trusted (at once on PGlite; on PostgreSQL once this process listens). */
export async function changeFeedReady(): Promise<void> {
  startFeed();
  await hub.listener?.ready;
}

/**
 * Announces a committed change: this process's subscribers now, other instances through
 * PostgreSQL. Never throws (the change is already committed); a failed NOTIFY is logged, and
 * the other instances' copies then last until their time-to-live.
 */
export async function broadcast(topic: string, key: string): Promise<void> {
  deliver(topic, key);
  if (!env().DATABASE_URL) return;
  try {
    const { driver } = await database();
    await driver.withSession((s) => s.query("SELECT pg_notify($1, $2)", [CHANNEL, payload(hub.instance, topic, key)]));
  } catch (error) {
    console.error(`broadcast of a ${topic} change failed; other instances keep their copy until it expires`, error);
  }
}

function deliver(topic: string, key: string): void {
  for (const listener of hub.topics.get(topic) ?? []) listener(key);
}

function payload(instance: string, topic: string, key: string): string {
  return `${instance} ${topic} ${key}`;
}

function startFeed(): void {
  const url = env().DATABASE_URL;
  if (!url || hub.listener) return;
  hub.listener = listenForChanges(url, {
    onChange: (instance, topic, key) => {
      if (instance !== hub.instance) deliver(topic, key);
    },
    onReset: () => {
      for (const reset of hub.resets) reset();
    },
  });
  const feed = hub.listener;
  onShutdown(async () => {
    await feed.stop();
    if (hub.listener === feed) hub.listener = undefined;
  });
}

export interface ChangeFeed {
  /** True from the LISTEN's acknowledgement until the connection is lost. */
  readonly listening: boolean;
  /** Resolves once listening (the first time). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * One connection that LISTENs on the channel, reconnecting with a backoff; `onReset` runs
 * when it stops listening and again when it listens anew. What each instance runs once;
 * a test builds one of its own to play another instance.
 */
export function listenForChanges(
  url: string,
  handlers: { onChange(instance: string, topic: string, key: string): void; onReset(): void },
): ChangeFeed {
  let client: pg.Client | undefined;
  let listening = false;
  let stopped = false;
  let attempt = 0;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const lost = (c: pg.Client, error?: Error) => {
    if (client !== c) return;
    client = undefined;
    clearInterval(heartbeat);
    if (listening) {
      listening = false;
      handlers.onReset();
      if (error) console.warn(`PostgreSQL change feed lost (${error.message}); caches are bypassed until it is back`);
    }
    c.end().catch(() => {});
    if (!stopped) setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]).unref();
  };

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    client = c;
    c.on("error", (error) => lost(c, error));
    c.on("end", () => lost(c));
    c.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const [instance = "", topic = "", ...rest] = message.payload.split(" ");
      handlers.onChange(instance, topic, rest.join(" "));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost(c, error as Error);
      return;
    }
    if (client !== c || stopped) return;
    attempt = 0;
    listening = true;
    // Whatever was cached before is from a time no notification may have reached us.
    handlers.onReset();
    markReady();
    heartbeat = setInterval(() => void c.query("SELECT 1").catch((error: Error) => lost(c, error)), HEARTBEAT_MS).unref();
  };

  void connect();
  return {
    get listening() {
      return listening;
    },
    ready,
    async stop() {
      stopped = true;
      listening = false;
      clearInterval(heartbeat);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

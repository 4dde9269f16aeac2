import "server-only";
import { broadcastTrusted, subscribe } from "./broadcast";

/**
 * A rarely-changing read kept in memory per key (a tenant's services), with the token
 * cache's rule: the code that changes it calls `broadcast(topic, key)` once committed, so
 * this instance reads afresh on its very next request and others within milliseconds
 * (lib/db/broadcast.ts); nothing is served from memory while the cross-instance feed is
 * down. `ttlMs` only bounds what a change made behind the app's back leaves in memory.
 */
export function memoByKey<T>(topic: string, ttlMs: number, load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, { value: T; until: number }>();
  // Bumped by every change: a read that began before one must not be kept.
  let generation = 0;
  let subscribed = false;
  const forget = (key?: string) => {
    generation++;
    if (key === undefined) entries.clear();
    else entries.delete(key);
  };
  return async (key) => {
    if (!subscribed) {
      subscribed = true;
      subscribe(topic, forget, () => forget());
    }
    if (!broadcastTrusted()) return load(key);
    const hit = entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const readAt = generation;
    const value = await load(key);
    if (readAt === generation) {
      if (entries.size >= 10_000) entries.clear();
      entries.set(key, { value, until: Date.now() + ttlMs });
    }
    return value;
  };
}

import "server-only";
import { broadcast, subscribe } from "@/lib/db/broadcast";

const TOPIC = "credentials";

/**
 * The one announcement of a change to what an API user's tokens may do: a token issued,
 * revoked, rotated, disabled or enabled, the user's permissions, rate limit, status, or
 * any field the token lookup reads (lib/api/credentials.ts), and deletion. Call it once the
 * change is committed, and await it: this instance's caches forget the user at once (the
 * very next request sees the change), other instances on PostgreSQL within milliseconds
 * (lib/db/broadcast.ts). A new kind of change (an expiry, an IP allowlist) calls this too.
 */
export function credentialsChanged(apiUserId: string): Promise<void> {
  return broadcast(TOPIC, apiUserId);
}

/**
 * Subscribes a cache of verified tokens: `forgetUser` on each change, `forgetAll` when the
 * cross-instance feed was interrupted. Returns the unsubscribe.
 */
export function onCredentialsChanged(forgetUser: (apiUserId: string) => void, forgetAll: () => void = () => {}): () => void {
  return subscribe(TOPIC, forgetUser, forgetAll);
}

import "server-only";
type Listener = (apiUserId: string) => void;

// The one process-wide list on purpose: the dashboard's server actions and the API's route
// handlers are bundled apart by Next (each may get its own copy of this module), and a
// change made in one must reach the token caches of the other.
const holder = globalThis as unknown as { courierCredentialListeners?: Set<Listener> };
const listeners = (holder.courierCredentialListeners ??= new Set());

/**
 * Called after any change to an API user's access (token revoked or rotated, permissions,
 * rate limit, deactivation, deletion), once the change is committed. A cache of verified
 * tokens subscribes with onCredentialsChanged so the change holds on the next request.
 */
export function credentialsChanged(apiUserId: string): void {
  for (const listener of listeners) listener(apiUserId);
}

/** Subscribes; returns the unsubscribe. */
export function onCredentialsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

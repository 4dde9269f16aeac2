import "server-only";
type Listener = (apiUserId: string) => void;

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

export function onCredentialsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

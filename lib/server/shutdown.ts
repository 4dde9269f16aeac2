import "server-only";
type Hook = () => Promise<void>;

const holder = globalThis as unknown as { courierShutdownHooks?: Hook[] };

/**
 * Registers work that must finish before the process exits (server.mjs runs the hooks on
 * SIGTERM, after the last request in flight). Hooks run in the order registered.
 */
export function onShutdown(hook: Hook): void {
  (holder.courierShutdownHooks ??= []).push(hook);
}

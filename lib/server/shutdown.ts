import "server-only";
type Hook = () => Promise<void>;

// On globalThis because server.mjs, outside the bundle, runs the hooks on SIGTERM, and
// because Next may bundle this module more than once (route handlers, server actions,
// instrumentation): every copy must add to, and run, the same list.
const holder = globalThis as unknown as { courierShutdownHooks?: Hook[]; courierRunShutdownHooks?: () => Promise<void> };

/**
 * Registers work that must finish before the process exits (server.mjs runs the hooks on
 * SIGTERM, after the last request in flight). Hooks run in the order registered.
 */
export function onShutdown(hook: Hook): void {
  (holder.courierShutdownHooks ??= []).push(hook);
}

/**
 * Runs the hooks registered so far, in order, each once; a failing hook is logged and the
 * rest still run. What server.mjs calls on SIGTERM (as globalThis.courierRunShutdownHooks);
 * a test calls it to see that the app's work is flushed.
 */
export async function runShutdownHooks(): Promise<void> {
  const hooks = holder.courierShutdownHooks ?? [];
  holder.courierShutdownHooks = [];
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      console.error("shutdown hook failed", error);
    }
  }
}

holder.courierRunShutdownHooks ??= runShutdownHooks;

import "server-only";
/** A hook gets the time (epoch ms) by which the process will exit: work past it is lost. */
type Hook = (deadline: number) => Promise<void>;

interface Holder {
  courierShutdownHooks?: Hook[];
  courierRunShutdownHooks?: (deadline?: number) => Promise<void>;
  courierInFlight?: Set<Promise<unknown>>;
}

// On globalThis because server.mjs, outside the bundle, runs the hooks on SIGTERM, and
// because Next may bundle this module more than once (route handlers, server actions,
// instrumentation): every copy must add to, and run, the same list.
const holder = globalThis as unknown as Holder;
const inFlight = (holder.courierInFlight ??= new Set());

/**
 * Registers work that must finish before the process exits (server.mjs runs the hooks on
 * SIGTERM, once every request and handler has finished). Hooks run in the order registered.
 */
export function onShutdown(hook: Hook): void {
  (holder.courierShutdownHooks ??= []).push(hook);
}

/**
 * Counts `work` (a route handler's run) as in flight until it settles: the shutdown hooks
 * wait for it. A handler whose client hung up keeps running after its connection closed,
 * and server.mjs only sees connections; without this, the final activity flush and the pool's
 * end could come before the handler's own writes.
 */
export function inFlightWork<T>(work: Promise<T>): Promise<T> {
  inFlight.add(work);
  const done = () => inFlight.delete(work);
  work.then(done, done);
  return work;
}

/** Resolves when no tracked work is left (work started meanwhile too), or at `deadline`. */
async function settled(deadline: number): Promise<void> {
  while (inFlight.size && Date.now() < deadline) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, deadline - Date.now())));
    await Promise.race([Promise.allSettled([...inFlight]), timeout]);
    clearTimeout(timer);
  }
  if (inFlight.size) console.error(`shutdown: ${inFlight.size} handlers still running at the deadline`);
}

/**
 * Waits for the handlers in flight, then runs the hooks registered so far, in order; a
 * failing hook is logged and the rest still run. What server.mjs calls on SIGTERM (as
 * globalThis.courierRunShutdownHooks, once: it ignores a second signal) with the grace
 * period's end. The hooks stay registered, so a test may run them again and still find the
 * app's own (the activity flush) among them.
 */
export async function runShutdownHooks(deadline = Date.now() + 10_000): Promise<void> {
  await settled(deadline);
  for (const hook of [...(holder.courierShutdownHooks ?? [])]) {
    try {
      await hook(deadline);
    } catch (error) {
      console.error("shutdown hook failed", error);
    }
  }
}

holder.courierRunShutdownHooks ??= runShutdownHooks;

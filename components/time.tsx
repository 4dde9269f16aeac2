"use client";

import { useSyncExternalStore } from "react";
import { exactUtc, relativeTime } from "./time-format";

/**
 * A time as people read it ("3 min ago", "in 2 days"), with the exact UTC time on hover
 * (title) and for machines (datetime). The one way the dashboard shows a time.
 *
 * The server renders it against its own clock; the browser's first render may differ by a
 * few seconds (hence suppressHydrationWarning on the text alone), then it follows the
 * browser's clock, once a minute.
 */
export function Time({ date, className }: { date: Date | string; className?: string }) {
  const at = new Date(date);
  const now = useNow();
  return (
    <time dateTime={at.toISOString()} title={exactUtc(at)} className={className} suppressHydrationWarning>
      {relativeTime(at, now)}
    </time>
  );
}

// One clock for every <Time> on the page (the activity log shows 50), ticking once a minute
// while any is mounted; the server and the hydrating render read the clock directly.
let current = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  current = Date.now();
  for (const notify of listeners) notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(tick, 60_000);
  // A page opened later (client-side navigation) rendered with the clock of the last tick:
  // bring it up to date at once rather than up to a minute later.
  if (Date.now() - current > 1000) queueMicrotask(tick);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => Date.now(),
  );
}

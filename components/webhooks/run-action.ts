import { runAction as run } from "@/components/run-action";
import type { FormAction } from "./types";

/** The Webhooks tab's buttons send plain fields (lists as `name[]`); the shared runAction toasts how it went. */
export function runAction<R>(action: FormAction<R>, fields: Record<string, string | string[]>, success: string) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) data.append(`${key}[]`, v);
    else data.set(key, value);
  }
  return run(action, data, { success, failure: "The webhook endpoint was not changed" });
}

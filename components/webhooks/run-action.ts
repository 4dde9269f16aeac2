import { toast } from "sonner";
import type { FormAction } from "./types";

/** Calls a server action with plain fields and says how it went in a toast; resolves with its result. */
export async function runAction<R>(action: FormAction<R>, fields: Record<string, string | string[]>, success?: string) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) data.append(`${key}[]`, v);
    else data.set(key, value);
  }
  const result = await action(null, data);
  if (result.ok && success) toast.success(success);
  if (!result.ok && !result.fieldErrors) toast.error(result.error);
  return result;
}

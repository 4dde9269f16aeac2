"use client";

import { toast } from "sonner";
import type { ActionResult, ActionState } from "@/lib/auth/member-action";

export type FormAction<R> = (previous: ActionState<R>, data: FormData) => Promise<ActionResult<R>>;

/** A toast's text: a title, or a title and a line under it. */
type ToastText = string | { title: string; description: string };

export interface Feedback<R> {
  /** The toast on success: what was done ("Token revoked"). */
  success: ToastText | ((data: R) => ToastText);
  /** The toast's title on failure ("Could not switch to Test"); the action's message is its description. */
  failure: string;
  /** A dialog shows a refusal beside its fields (role="alert"): then only success is toasted. */
  failureShownInline?: boolean;
}

/**
 * Runs one server action and tells the member how it went, the same way everywhere: a
 * toast (sonner's live region, so screen readers hear it) on success, and on failure the
 * action's own message. A request that never answers (network down, a server crash)
 * becomes a failed result instead of an unhandled rejection, so the form stays usable.
 */
export async function runAction<R>(action: FormAction<R>, data: FormData, feedback: Feedback<R>): Promise<ActionResult<R>> {
  let result: ActionResult<R>;
  try {
    result = await action(null, data);
  } catch {
    result = { ok: false, code: "internal_error", error: "The server did not answer. Nothing may have changed; try again." };
  }
  if (result.ok) {
    const text = typeof feedback.success === "function" ? feedback.success(result.data) : feedback.success;
    if (typeof text === "string") toast.success(text);
    else toast.success(text.title, { description: text.description });
  } else if (!feedback.failureShownInline) {
    toast.error(feedback.failure, { description: result.error });
  }
  return result;
}

"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult, ActionState, FieldErrors } from "@/lib/auth/member-action";
import { Modal } from "@/components/modal";
import { useRevealToken } from "./token-reveal";

export type FormAction<R> = (previous: ActionState<R>, data: FormData) => Promise<ActionResult<R>>;

function tokenOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("token" in data)) return null;
  return typeof data.token === "string" ? data.token : null;
}

/**
 * A button that opens a dialog with a form for one server action. The form keeps what was
 * typed when the action refuses it (passwords excepted), shows each field's errors next
 * to it, and closes on success. A token in the result goes straight to the shown-once
 * dialog and is kept nowhere else.
 */
export function ActionDialog<R>({
  trigger,
  title,
  description,
  submitLabel,
  danger = false,
  action,
  hidden,
  triggerClassName = "btn",
  afterSuccess,
  children,
}: {
  trigger: string;
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  danger?: boolean;
  action: FormAction<R>;
  hidden: Record<string, string>;
  triggerClassName?: string;
  /** A page to go to on success instead of refreshing this one (which may be gone). */
  afterSuccess?: string;
  children?: (ctx: { id: string; errors: FieldErrors }) => React.ReactNode;
}) {
  const id = useId();
  const reveal = useRevealToken();
  const router = useRouter();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setFailure(null);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await action(null, data);
      if (result.ok) {
        close();
        // The page shows the change at once (its lists and counts are read on the server).
        if (afterSuccess) router.push(afterSuccess);
        else router.refresh();
        const token = tokenOf(result.data);
        if (token) reveal(token, triggerRef.current);
        return;
      }
      for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = "";
      setFailure({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  }

  return (
    <>
      <button ref={triggerRef} type="button" className={triggerClassName} onClick={() => setOpen(true)}>
        {trigger}
      </button>
      <Modal open={open} onClose={close} title={title} description={description}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children?.({ id, errors: failure?.fieldErrors ?? {} })}
          {failure && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {failure.error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn" onClick={close}>
              Cancel
            </button>
            <button type="submit" disabled={pending} className={danger ? "btn-danger" : "btn-primary"}>
              {pending ? "Working…" : submitLabel}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}

"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { LucideIcon } from "lucide-react";
import type { FieldErrors } from "@/lib/auth/member-action";
import { DialogActions } from "@/components/dialog-actions";
import { Modal } from "@/components/modal";
import { runAction, type FormAction, type Feedback } from "@/components/run-action";

export interface ActionDialogProps<R> {
  trigger: string;
  /** An icon before the trigger's text (lucide). */
  icon?: LucideIcon;
  /** The trigger's accessible name when its text alone is ambiguous in a list ("Revoke" → "Revoke token 1a2b"). */
  triggerLabel?: string;
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  danger?: boolean;
  action: FormAction<R>;
  /** The toast once it is done: "Token revoked". */
  success: Feedback<R>["success"];
  hidden?: Record<string, string>;
  triggerClassName?: string;
  /** A page to go to on success instead of refreshing this one (which may be gone, or new). */
  afterSuccess?: string | ((data: R) => string);
  /** What else a success does, after the dialog closed (`trigger`: where focus may go back to). */
  onSuccess?: (data: R, trigger: HTMLButtonElement | null) => void;
  /** A dialog of one field, whose error beside it is the whole story: no alert repeating it in general terms. */
  quietBesideFields?: boolean;
  children?: (ctx: { id: string; errors: FieldErrors }) => React.ReactNode;
}

/**
 * A button that opens a dialog with a form for one server action. The form keeps what was
 * typed when the action refuses it (passwords excepted), shows each field's errors next
 * to it, and closes on success with a toast saying what was done (`success`).
 */
export function ActionDialog<R>({
  trigger,
  icon: Icon,
  triggerLabel,
  title,
  description,
  submitLabel,
  danger = false,
  action,
  success,
  hidden = {},
  triggerClassName = "btn",
  afterSuccess,
  onSuccess,
  quietBesideFields = false,
  children,
}: ActionDialogProps<R>) {
  const id = useId();
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
      const result = await runAction(action, data, { success, failure: title, failureShownInline: true });
      if (result.ok) {
        close();
        // The page shows the change at once (its lists and counts are read on the server).
        if (afterSuccess) router.push(typeof afterSuccess === "function" ? afterSuccess(result.data) : afterSuccess);
        else router.refresh();
        onSuccess?.(result.data, triggerRef.current);
        return;
      }
      for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = "";
      setFailure({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  }

  // With `quietBesideFields`, a refusal that names its fields says nothing more than they do.
  const alert = failure && !(quietBesideFields && Object.keys(failure.fieldErrors).length > 0) ? failure.error : null;

  return (
    <>
      <button ref={triggerRef} type="button" className={triggerClassName} onClick={() => setOpen(true)} aria-label={triggerLabel}>
        {Icon && <Icon aria-hidden="true" className="size-4 shrink-0" />}
        {trigger}
      </button>
      <Modal open={open} onClose={close} title={title} description={description}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children?.({ id, errors: failure?.fieldErrors ?? {} })}
          <DialogActions error={alert} onCancel={close} pending={pending} submitLabel={submitLabel} danger={danger} />
        </form>
      </Modal>
    </>
  );
}

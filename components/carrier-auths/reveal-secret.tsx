"use client";

import { useId, useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/auth/member-action";
import { TextField } from "@/components/form-field";
import { DialogActions } from "@/components/dialog-actions";
import { Modal } from "@/components/modal";
import { runAction } from "@/components/run-action";
import type { FormAction } from "./types";

/**
 * Reveal one secret field: the member re-enters their own password (sudo mode: not needed
 * again within 10 minutes, lib/auth/sudo.ts), the value is shown in
 * the dialog, and closing the dialog drops it from state (it is in no later render or HTML).
 */
export function RevealSecret({
  apiUserId,
  authId,
  field,
  label,
  action,
}: {
  apiUserId: string;
  authId: string;
  field: string;
  label: string;
  action: FormAction<{ label: string; value: string }>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setValue(null);
    setFailure(null);
    setCopied(false);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await runAction(action, data, {
        success: `${label} revealed (written to the activity log)`,
        failure: `Reveal ${label}`,
        failureShownInline: true,
      });
      for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = "";
      if (result.ok) {
        setFailure(null);
        setValue(result.data.value);
        return;
      }
      setFailure({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  }

  async function copy() {
    if (value === null) return;
    await navigator.clipboard.writeText(value).catch(() => undefined);
    setCopied(true);
  }

  return (
    <>
      <button type="button" className="btn px-2 py-0.5 text-xs" onClick={() => setOpen(true)} aria-label={`Reveal ${label}`}>
        Reveal
      </button>
      <Modal
        open={open}
        onClose={close}
        title={`Reveal ${label}`}
        description={value === null ? "Confirm your password. The reveal is written to the activity log." : undefined}
      >
        {value === null ? (
          <form onSubmit={submit} noValidate className="space-y-4">
            <input type="hidden" name="apiUserId" value={apiUserId} />
            <input type="hidden" name="authId" value={authId} />
            <input type="hidden" name="field" value={field} />
            <TextField
              id={`${id}-password`}
              name="sudoPassword"
              type="password"
              label="Your password"
              autoComplete="current-password"
              autoFocus
              hint="Not needed if you confirmed it in the last 10 minutes."
              errors={failure?.fieldErrors.sudoPassword}
            />
            <DialogActions error={failure?.error} onCancel={close} pending={pending} submitLabel="Reveal" pendingLabel="Checking…" />
          </form>
        ) : (
          <div className="space-y-4">
            <div>
              <label htmlFor={`${id}-value`} className="block text-sm font-medium">
                Secret value
              </label>
              <div className="mt-1 flex gap-2">
                <input
                  id={`${id}-value`}
                  readOnly
                  value={value}
                  className="input font-mono text-xs"
                  spellCheck={false}
                  autoComplete="off"
                  onFocus={(event) => event.currentTarget.select()}
                />
                <button type="button" className="btn shrink-0" onClick={copy}>
                  {copied ? "Copied!" : "Copy"}
                </button>
              </div>
            </div>
            <div className="flex justify-end">
              <button type="button" className="btn-primary" onClick={close} autoFocus>
                Done
              </button>
            </div>
          </div>
        )}
      </Modal>
    </>
  );
}

"use client";

import { useState, useTransition } from "react";
import { Modal } from "@/components/modal";
import { runAction } from "@/components/run-action";
import type { CarrierAuthView, FormAction } from "./types";

/** Delete after a confirmation that names the courier and company. */
export function DeleteCarrierAuth<R>({ apiUserId, auth, action }: { apiUserId: string; auth: CarrierAuthView; action: FormAction<R> }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const name = `${auth.courierName} — ${auth.company}`;

  function close() {
    setOpen(false);
    setError(null);
  }

  function confirm() {
    const data = new FormData();
    data.set("apiUserId", apiUserId);
    data.set("authId", auth.id);
    startTransition(async () => {
      const result = await runAction(action, data, {
        success: `${name} deleted`,
        failure: `Could not delete ${name}`,
        failureShownInline: true,
      });
      if (result.ok) return close();
      setError(result.error);
    });
  }

  return (
    <>
      <button type="button" className="btn text-red-700" onClick={() => setOpen(true)} aria-label={`Delete ${name}`}>
        Delete
      </button>
      <Modal
        open={open}
        onClose={close}
        title={`Delete ${name}?`}
        description="Its credentials are removed for good; this cannot be undone."
      >
        {error && (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="button" className="btn-danger" disabled={pending} onClick={confirm}>
            {pending ? "Deleting…" : "Delete"}
          </button>
        </div>
      </Modal>
    </>
  );
}

"use client";

import { CopyButton } from "@/components/copy-button";

/** What the dialog asks on Escape or a click outside while the secret was not copied (Modal's confirmDismiss). */
export const SECRET_NOT_COPIED = {
  question: "Close without copying?",
  detail: "The signing secret has not been copied. Once this dialog closes it cannot be shown again; you would have to rotate it.",
  confirmLabel: "Close without copying",
};

/** A signing secret in its dialog, the only time it is shown. */
export function SecretShownOnce({ secret, onDone, onCopied }: { secret: string; onDone: () => void; onCopied: () => void }) {
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Copy the signing secret now: it is not shown again. Verify each delivery with it (Standard Webhooks: the{" "}
        <code className="font-mono">webhook-signature</code> header).
      </p>
      <p aria-label="Signing secret" className="rounded-md bg-slate-100 p-3 font-mono text-sm break-all">
        {secret}
      </p>
      <div className="flex justify-end gap-2">
        <CopyButton value={secret} label="Copy secret" onCopied={onCopied} />
        <button type="button" className="btn-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

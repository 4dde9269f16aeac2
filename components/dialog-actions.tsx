/**
 * The end of a dialog's form, the same in every dialog: the refusal (role="alert", when there
 * is one to say), then Cancel and the submit button, which reads `pendingLabel` while it runs.
 */
export function DialogActions({
  error,
  onCancel,
  pending,
  submitLabel,
  pendingLabel = "Working…",
  danger = false,
}: {
  error?: string | null;
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  pendingLabel?: string;
  danger?: boolean;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={pending} className={danger ? "btn-danger" : "btn-primary"}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </>
  );
}

/** The id of a field's error text, for aria-describedby. */
export function errorId(fieldId: string) {
  return `${fieldId}-error`;
}

/** A field's error messages, read out with the field (aria-describedby). */
export function FieldError({ fieldId, messages }: { fieldId: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={errorId(fieldId)} className="mt-1 text-sm text-red-700">
      {messages.join(" ")}
    </p>
  );
}

/** A labelled input whose errors sit next to it (aria-invalid + aria-describedby). */
export function TextField({
  id,
  label,
  errors,
  hint,
  ...input
}: { id: string; label: string; errors?: string[]; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId(id) : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} className="input mt-1" aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError fieldId={id} messages={errors} />
    </div>
  );
}

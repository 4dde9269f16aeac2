"use client";

import { useActionState, useId } from "react";
import type { ActionResult, ActionState } from "@/lib/auth/member-action";
import { errorId, FieldError } from "./form-field";

type Action = (previous: ActionState<void>, data: FormData) => Promise<ActionResult<void>>;

function Problem({ state }: { state: ActionState<void> }) {
  if (!state || state.ok || state.fieldErrors) return null;
  return (
    <p role="status" className="mt-1 text-sm text-red-700">
      {state.error}
    </p>
  );
}

/** Activate or deactivate one service. */
export function ServiceToggle({ action, serviceId, active, name }: { action: Action; serviceId: string; active: boolean; name: string }) {
  const [state, run, pending] = useActionState(action, null);
  return (
    <form action={run}>
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" className="btn" disabled={pending} aria-label={`${active ? "Deactivate" : "Activate"} ${name}`}>
        {active ? "Deactivate" : "Activate"}
      </button>
      <Problem state={state} />
    </form>
  );
}

/** One price of a rate rule (a weight band, or the extra per kg), in the table's currency. */
export function PriceForm({
  action,
  ruleId,
  band,
  label,
  amount,
}: {
  action: Action;
  ruleId: string;
  band: number | "extra";
  label: string;
  amount: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const id = useId();
  const errors = state && !state.ok ? state.fieldErrors?.price : undefined;
  return (
    <form action={run} className="flex items-start gap-1">
      <input type="hidden" name="ruleId" value={ruleId} />
      <input type="hidden" name="band" value={String(band)} />
      <input
        id={id}
        name="price"
        defaultValue={amount}
        aria-label={label}
        inputMode="decimal"
        className="input w-24 py-1 text-right"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId(id) : undefined}
      />
      <button type="submit" className="btn" disabled={pending} aria-label={`Save ${label}`}>
        Save
      </button>
      <FieldError fieldId={id} messages={errors} />
      <Problem state={state} />
    </form>
  );
}

/** Which rate table a customer's API calls are priced from. */
export function LinkRateTableForm({
  action,
  customerId,
  customerName,
  current,
  tables,
}: {
  action: Action;
  customerId: string;
  customerName: string;
  current: string | null;
  tables: { id: string; name: string }[];
}) {
  const [state, run, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={run} className="flex items-center gap-2">
      <input type="hidden" name="customerId" value={customerId} />
      <label htmlFor={id} className="sr-only">
        Rate table of {customerName}
      </label>
      <select id={id} name="rateTableId" defaultValue={current ?? ""} className="input w-64 py-1">
        <option value="">Tenant default</option>
        {tables.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <button type="submit" className="btn" disabled={pending} aria-label={`Save rate table of ${customerName}`}>
        Save
      </button>
      {state?.ok && <span className="text-sm text-green-700">Saved</span>}
      <Problem state={state} />
    </form>
  );
}

"use client";

import { Save } from "lucide-react";
import { useActionState, useEffect, useId, useRef } from "react";
import { toast } from "sonner";
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

/** A toast for each answer of a form's action (sonner's toasts are announced to screen readers). */
function useResultToast<T>(state: ActionState<T>, success: string | (() => string)) {
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(typeof success === "function" ? success() : success);
    else toast.error(state.error);
    // Only a new answer toasts: the success text follows the state it describes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
}

/** Activate or deactivate one service. */
export function ServiceToggle({ action, serviceId, active, name }: { action: Action; serviceId: string; active: boolean; name: string }) {
  const [state, run, pending] = useActionState(action, null);
  // What the last submit asked for: by the time its answer arrives `active` may already
  // be the revalidated new state, or not.
  const asked = useRef(!active);
  useResultToast(state, () => `${name} ${asked.current ? "activated" : "deactivated"}`);
  return (
    <form action={run} onSubmit={() => (asked.current = !active)}>
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" className="btn" disabled={pending} aria-label={`${active ? "Deactivate" : "Activate"} ${name}`}>
        {active ? "Deactivate" : "Activate"}
      </button>
      <Problem state={state} />
    </form>
  );
}

export interface PriceRow {
  ruleId: string;
  serviceCode: string;
  serviceName: string;
  bands: { field: string; shownField: string; limit: string; amount: string }[];
  extra: { field: string; shownField: string; amount: string };
}

type SaveAction = (previous: ActionState<{ changed: number }>, data: FormData) => Promise<ActionResult<{ changed: number }>>;

/** One price input: what was typed survives a refused save, with the error right under it. */
function PriceInput({
  name,
  shownName,
  label,
  amount,
  state,
}: {
  name: string;
  shownName: string;
  label: string;
  amount: string;
  state: ActionState<{ changed: number }>;
}) {
  const id = useId();
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors?.[name];
  const typed = failed?.values?.[name];
  return (
    <div>
      <input type="hidden" name={shownName} value={amount} />
      <input
        id={id}
        name={name}
        // After a refused save the form shows what was typed, not the stored price; the key
        // makes React take the new default value (a form action resets to defaultValue).
        key={failed ? `typed-${String(typed)}` : `stored-${amount}`}
        defaultValue={typeof typed === "string" ? typed : amount}
        aria-label={label}
        inputMode="decimal"
        autoComplete="off"
        className="input w-24 py-1 text-right font-mono"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId(id) : undefined}
      />
      <FieldError fieldId={id} messages={errors} />
    </div>
  );
}

/** A rate table's prices as one form: every band and extra-per-kg price, saved at once. */
export function RateTableForm({
  action,
  rateTableId,
  tableName,
  currency,
  rows,
}: {
  action: SaveAction;
  rateTableId: string;
  tableName: string;
  currency: string;
  rows: PriceRow[];
}) {
  const [state, run, pending] = useActionState(action, null);
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      const n = state.data.changed;
      toast.success(n === 0 ? `${tableName}: nothing changed` : `${tableName}: ${n} ${n === 1 ? "price" : "prices"} saved`);
    } else toast.error(state.fieldErrors ? `${tableName}: nothing saved. ${state.error}` : state.error);
  }, [state, tableName]);
  return (
    <form action={run} aria-label={`Prices of ${tableName}`} noValidate>
      <input type="hidden" name="rateTableId" value={rateTableId} />
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Service</th>
              <th className="py-2 pr-4 font-medium">Weight bands (price up to the weight, {currency})</th>
              <th className="py-2 font-medium">Each started kg above</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((row) => (
              <tr key={row.ruleId}>
                <td className="py-2 pr-4">
                  <span className="font-mono">{row.serviceCode}</span>
                  <span className="block text-slate-500">{row.serviceName}</span>
                </td>
                <td className="py-2 pr-4">
                  <ul className="flex min-w-48 flex-wrap gap-x-4 gap-y-2">
                    {row.bands.map((band) => (
                      <li key={band.field} className="flex items-start gap-2">
                        <span className="w-16 shrink-0 py-1 text-right whitespace-nowrap text-slate-500">≤ {band.limit}</span>
                        <PriceInput
                          name={band.field}
                          shownName={band.shownField}
                          label={`${row.serviceCode} in ${tableName} up to ${band.limit}`}
                          amount={band.amount}
                          state={state}
                        />
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="py-2">
                  <PriceInput
                    name={row.extra.field}
                    shownName={row.extra.shownField}
                    label={`${row.serviceCode} in ${tableName} per extra kg`}
                    amount={row.extra.amount}
                    state={state}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          <Save aria-hidden className="size-4" />
          {pending ? "Saving…" : `Save ${tableName} prices`}
        </button>
        <p role="status" className="text-sm">
          {state && !state.ok && <span className="text-red-700">Nothing was saved. {state.error}</span>}
          {state?.ok && <span className="text-green-700">{state.data.changed === 0 ? "Nothing changed." : "Saved."}</span>}
        </p>
      </div>
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
  useResultToast(state, `Rate table of ${customerName} saved`);
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="customerId" value={customerId} />
      <label htmlFor={id} className="sr-only">
        Rate table of {customerName}
      </label>
      <select id={id} name="rateTableId" defaultValue={current ?? ""} className="input w-full max-w-64 py-1">
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

"use client";

import { useId, useState, useTransition } from "react";
import { CARRIERS, carrierByCode, fieldInputName } from "@/lib/carrier-auths/catalog";
import { COMPANY_HINT, COMPANY_MAX } from "@/lib/carrier-auths/rules";
import type { FieldErrors } from "@/lib/auth/member-action";
import { FieldError, TextField, errorId } from "@/components/form-field";
import { DialogActions } from "@/components/dialog-actions";
import { Modal } from "@/components/modal";
import { runAction } from "@/components/run-action";
import { Presets } from "./presets";
import type { CarrierAuthView, FormAction } from "./types";

/**
 * Add (no `auth`) or edit a carrier auth in a dialog. Picking a courier shows its fields;
 * each error sits beside its field. On edit the courier is fixed and a secret field left
 * blank keeps its stored value. Nothing typed into a secret field survives the dialog.
 */
export function CarrierAuthForm<R>({ apiUserId, action, auth }: { apiUserId: string; action: FormAction<R>; auth?: CarrierAuthView }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [courier, setCourier] = useState(auth?.courier ?? "");
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [pending, startTransition] = useTransition();
  const carrier = carrierByCode(courier);
  const title = auth ? `Edit ${auth.courierName} — ${auth.company}` : "Register a carrier auth";

  function close() {
    setOpen(false);
    setFailure(null);
    if (!auth) setCourier("");
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await runAction(action, data, {
        success: auth
          ? `${auth.courierName} — ${data.get("company")} saved`
          : `${carrierByCode(String(data.get("courier")))?.name ?? "Carrier"} auth added`,
        failure: title,
        failureShownInline: true,
      });
      if (result.ok) return close();
      setFailure({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  }

  const errors = failure?.fieldErrors ?? {};
  const stored = new Map(auth?.fields.map((field) => [field.name, field]));
  return (
    <>
      <button
        type="button"
        className={auth ? "btn" : "btn-primary"}
        onClick={() => setOpen(true)}
        aria-label={auth ? `Edit ${auth.courierName} — ${auth.company}` : undefined}
      >
        {auth ? "Edit" : "Add carrier auth"}
      </button>
      <Modal open={open} onClose={close} title={title}>
        <form onSubmit={submit} noValidate className="space-y-4" autoComplete="off">
          <input type="hidden" name="apiUserId" value={apiUserId} />
          {auth && <input type="hidden" name="authId" value={auth.id} />}
          {auth ? (
            <input type="hidden" name="courier" value={auth.courier} />
          ) : (
            <div>
              <label htmlFor={`${id}-courier`} className="block text-sm font-medium">
                Courier
              </label>
              <select
                id={`${id}-courier`}
                name="courier"
                className="input mt-1"
                value={courier}
                onChange={(event) => setCourier(event.target.value)}
                aria-invalid={errors.courier?.length ? true : undefined}
                aria-describedby={errors.courier?.length ? errorId(`${id}-courier`) : undefined}
              >
                <option value="">Choose a courier…</option>
                {CARRIERS.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
              <FieldError fieldId={`${id}-courier`} messages={errors.courier} />
            </div>
          )}
          <TextField
            id={`${id}-company`}
            name="company"
            label="Company"
            hint={COMPANY_HINT}
            maxLength={COMPANY_MAX}
            defaultValue={auth?.company}
            errors={errors.company}
          />
          <fieldset>
            <legend className="text-sm font-medium">Testing</legend>
            <div className="mt-1 flex gap-4 text-sm" aria-describedby={errors.testing?.length ? errorId(`${id}-testing`) : undefined}>
              {(["yes", "no"] as const).map((value) => (
                <label key={value} className="flex items-center gap-1.5">
                  <input type="radio" name="testing" value={value} defaultChecked={(auth?.testing ?? false) === (value === "yes")} />
                  {value === "yes" ? "Yes" : "No"}
                </label>
              ))}
            </div>
            <FieldError fieldId={`${id}-testing`} messages={errors.testing} />
          </fieldset>
          {carrier && (
            <div key={carrier.code} className="space-y-4 border-t border-slate-200 pt-4">
              <p className="text-xs text-slate-500">{carrier.source}</p>
              {carrier.fields.map((field) => {
                const name = fieldInputName(field.name);
                const current = stored.get(field.name);
                const keep = field.secret && current?.isSet;
                return (
                  <TextField
                    key={field.name}
                    id={`${id}-${field.name}`}
                    name={name}
                    label={`${field.label}${field.required ? "" : " (optional)"}`}
                    type={field.secret ? "password" : "text"}
                    autoComplete={field.secret ? "new-password" : "off"}
                    spellCheck={false}
                    hint={keep ? `${field.hint} Leave blank to keep the stored value.` : field.hint}
                    defaultValue={field.secret ? undefined : (current?.value ?? undefined)}
                    errors={errors[name]}
                  />
                );
              })}
              <Presets carrier={carrier} />
            </div>
          )}
          <DialogActions error={failure?.error} onCancel={close} pending={pending} submitLabel="Save changes" pendingLabel="Saving…" />
        </form>
      </Modal>
    </>
  );
}

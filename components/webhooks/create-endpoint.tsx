"use client";

import { useState, useTransition } from "react";
import { Modal } from "@/components/modal";
import { FieldError, TextField } from "@/components/form-field";
import { URL_HINT, WEBHOOK_EVENTS } from "@/lib/webhooks/rules";
import { runAction } from "./run-action";
import { SECRET_NOT_COPIED, SecretShownOnce } from "./secret-shown-once";
import type { FormAction } from "./types";

type Errors = Record<string, string[] | undefined>;

/** "Add endpoint": URL, description and events; then the signing secret, once. */
export function CreateEndpoint({
  apiUserId,
  environment,
  action,
}: {
  apiUserId: string;
  environment: "live" | "test";
  action: FormAction<{ endpointId: string; secret: string }>;
}) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setErrors({});
    setSecret(null);
    setCopied(false);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await runAction(
        action,
        {
          apiUserId,
          url: String(form.get("url") ?? ""),
          description: String(form.get("description") ?? ""),
          events: form.getAll("events").map(String),
        },
        "Webhook endpoint added",
      );
      if (result.ok) {
        setErrors({});
        setSecret(result.data.secret);
      } else setErrors(result.fieldErrors ?? {});
    });
  }

  return (
    <>
      <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
        Add endpoint
      </button>
      <Modal
        open={open}
        onClose={close}
        confirmDismiss={secret && !copied ? SECRET_NOT_COPIED : null}
        title={secret ? "Endpoint added" : "Add a webhook endpoint"}
        description={secret ? undefined : `It receives the ${environment} events of the objects this API user can see.`}
      >
        {secret ? (
          <SecretShownOnce secret={secret} onDone={close} onCopied={() => setCopied(true)} />
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <TextField
              id="webhook-url"
              name="url"
              label="URL"
              hint={URL_HINT}
              errors={errors.url}
              placeholder="https://example.com/webhooks"
            />
            <TextField id="webhook-description" name="description" label="Description (optional)" errors={errors.description} />
            <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
              <legend className="text-sm font-medium">Events</legend>
              <div className="mt-1 space-y-1">
                {WEBHOOK_EVENTS.map((e) => (
                  <label key={e.type} className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="events" value={e.type} defaultChecked className="mt-1" />
                    <span>
                      <span className="font-mono">{e.type}</span> <span className="text-slate-500">— {e.label}</span>
                    </span>
                  </label>
                ))}
              </div>
              <FieldError fieldId="webhook-events" messages={errors.events} />
            </fieldset>
            <div className="flex justify-end gap-2">
              <button type="button" className="btn" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="btn-primary" disabled={pending}>
                {pending ? "Adding…" : "Add endpoint"}
              </button>
            </div>
          </form>
        )}
      </Modal>
    </>
  );
}

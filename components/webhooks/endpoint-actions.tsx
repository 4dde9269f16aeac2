"use client";

import { useState, useTransition } from "react";
import { Modal } from "@/components/modal";
import { ROTATION_OVERLAPS } from "@/lib/webhooks/rules";
import { runAction } from "./run-action";
import { SECRET_NOT_COPIED, SecretShownOnce } from "./secret-shown-once";
import type { WebhookActions, WebhookEndpointItem } from "./types";

/** One endpoint's controls: send a test event, enable/disable, rotate its secret, delete. */
export function EndpointActions({
  apiUserId,
  endpoint,
  actions,
}: {
  apiUserId: string;
  endpoint: WebhookEndpointItem;
  actions: WebhookActions;
}) {
  const [pending, startTransition] = useTransition();
  const [dialog, setDialog] = useState<"rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [overlap, setOverlap] = useState("24h");
  const ref = { apiUserId, endpointId: endpoint.id };

  function close() {
    setDialog(null);
    setSecret(null);
    setCopied(false);
  }

  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="button"
        className="btn"
        disabled={pending || !endpoint.enabled}
        onClick={() => startTransition(async () => void (await runAction(actions.sendTest, ref, "Test event queued")))}
      >
        Send test event
      </button>
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() =>
          startTransition(
            async () =>
              void (await runAction(
                actions.setEnabled,
                { ...ref, enabled: String(!endpoint.enabled) },
                endpoint.enabled ? "Endpoint disabled" : "Endpoint enabled",
              )),
          )
        }
      >
        {endpoint.enabled ? "Disable" : "Enable"}
      </button>
      <button type="button" className="btn" onClick={() => setDialog("rotate")}>
        Rotate secret
      </button>
      <button type="button" className="btn text-red-700" onClick={() => setDialog("delete")} aria-label={`Delete endpoint ${endpoint.url}`}>
        Delete
      </button>

      <Modal
        open={dialog === "rotate"}
        onClose={close}
        confirmDismiss={secret && !copied ? SECRET_NOT_COPIED : null}
        title={secret ? "New signing secret" : "Rotate the signing secret?"}
        description={
          secret
            ? undefined
            : "A new secret signs every delivery from now on. During the overlap the old one signs too, so your receiver can switch without missing one."
        }
      >
        {secret ? (
          <SecretShownOnce secret={secret} onDone={close} onCopied={() => setCopied(true)} />
        ) : (
          <div className="space-y-4">
            <label className="block text-sm font-medium" htmlFor={`overlap-${endpoint.id}`}>
              Old secret
            </label>
            <select id={`overlap-${endpoint.id}`} className="input" value={overlap} onChange={(e) => setOverlap(e.target.value)}>
              {ROTATION_OVERLAPS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <div className="flex justify-end gap-2">
              <button type="button" className="btn" onClick={close}>
                Cancel
              </button>
              <button
                type="button"
                className="btn-primary"
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await runAction(actions.rotate, { ...ref, overlap }, "Secret rotated");
                    if (result.ok) setSecret(result.data.secret);
                  })
                }
              >
                {pending ? "Rotating…" : "Rotate"}
              </button>
            </div>
          </div>
        )}
      </Modal>

      <Modal
        open={dialog === "delete"}
        onClose={close}
        title="Delete this endpoint?"
        description={<span className="break-all">{endpoint.url}</span>}
      >
        <p className="text-sm">Nothing more is sent to it, and its delivery log is deleted too.</p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn-danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await runAction(actions.remove, ref, "Endpoint deleted");
                if (result.ok) close();
              })
            }
          >
            {pending ? "Deleting…" : "Delete"}
          </button>
        </div>
      </Modal>
    </div>
  );
}

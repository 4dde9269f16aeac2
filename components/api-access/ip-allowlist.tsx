"use client";

import { IP_ALLOWLIST_HINT } from "@/lib/api-users/rules";
import { errorId, FieldError } from "@/components/form-field";
import { ActionDialog } from "./action-dialog";
import type { ApiAccessActions } from "./types";

/** An API user's IP allowlist: the entries (or "any address"), and for members who may change it, its dialog. */
export function IpAllowlist({
  scope,
  user,
  action,
}: {
  scope: string;
  user: { id: string; username: string; ipAllowlist: string[] };
  action: ApiAccessActions["updateIpAllowlist"] | null;
}) {
  return (
    <section aria-labelledby="user-ip-allowlist" className="card p-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="user-ip-allowlist" className="font-medium">
            IP allowlist
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            The API refuses this user&apos;s tokens from any other address (403 <code className="font-mono">ip_not_allowed</code>).
          </p>
        </div>
        {action && (
          <ActionDialog
            trigger="Edit IP allowlist"
            title={`IP allowlist of ${user.username}`}
            description="Takes effect on its next API request."
            submitLabel="Save allowlist"
            success={({ entries }) =>
              entries.length === 0
                ? `${user.username} accepts calls from any address`
                : `${user.username} accepts calls from ${entries.length} ${entries.length === 1 ? "entry" : "entries"} only`
            }
            action={action}
            hidden={{ scope, apiUserId: user.id }}
          >
            {({ id, errors }) => {
              const fieldId = `${id}-ip-allowlist`;
              const invalid = Boolean(errors.ipAllowlist?.length);
              return (
                <div>
                  <label htmlFor={fieldId} className="block text-sm font-medium">
                    Allowed addresses
                  </label>
                  <textarea
                    id={fieldId}
                    name="ipAllowlist"
                    rows={6}
                    defaultValue={user.ipAllowlist.join("\n")}
                    spellCheck={false}
                    autoComplete="off"
                    className="input mt-1 font-mono text-xs"
                    aria-invalid={invalid || undefined}
                    aria-describedby={[`${fieldId}-hint`, invalid ? errorId(fieldId) : ""].filter(Boolean).join(" ")}
                  />
                  <p id={`${fieldId}-hint`} className="mt-1 text-xs text-slate-500">
                    {IP_ALLOWLIST_HINT}
                  </p>
                  <FieldError fieldId={fieldId} messages={errors.ipAllowlist} />
                </div>
              );
            }}
          </ActionDialog>
        )}
      </div>
      {user.ipAllowlist.length === 0 ? (
        <p className="text-sm">Any address.</p>
      ) : (
        <ul aria-label="Allowed addresses" className="flex flex-wrap gap-2">
          {user.ipAllowlist.map((entry) => (
            <li key={entry} className="rounded-md border border-slate-200 px-2 py-0.5 font-mono text-xs">
              {entry}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

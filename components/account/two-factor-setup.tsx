"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import type { FormAction } from "@/components/carrier-auths/types";
import { CopyButton } from "@/components/copy-button";
import { TextField } from "@/components/form-field";
import { useFormAction } from "@/components/team/use-form-action";

/**
 * Turning two-factor on: a new secret (QR code and text), the first code confirms it, then
 * the ten recovery codes, shown once. The secret and the codes live only in this
 * component's state, and go when it is left.
 */
export function TwoFactorSetup({
  start,
  confirm,
  onDone,
}: {
  start: FormAction<{ secret: string; qrDataUrl: string }>;
  confirm: FormAction<{ recoveryCodes: string[] }>;
  onDone: () => void;
}) {
  const id = useId();
  const [setup, setSetup] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [starting, startTransition] = useTransition();
  const { submit, pending, fieldErrors } = useFormAction(confirm, (data) => {
    setSetup(null);
    setCodes(data.recoveryCodes);
    toast.success("Two-factor sign-in is on.");
  });

  function begin() {
    startTransition(async () => {
      const result = await start(null, new FormData());
      if (result.ok) setSetup(result.data);
      else toast.error(result.error);
    });
  }

  if (codes) {
    return (
      <div className="space-y-3">
        <h3 className="font-medium">Recovery codes</h3>
        <p className="text-sm text-slate-600">
          Keep these somewhere safe: each signs you in once if you lose your authenticator. They are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <div className="flex gap-2">
          <CopyButton value={codes.join("\n")} label="Copy codes" />
          <button type="button" className="btn-primary" onClick={onDone}>
            I saved them
          </button>
        </div>
      </div>
    );
  }

  if (!setup) {
    return (
      <button type="button" className="btn-primary" onClick={begin} disabled={starting}>
        {starting ? "Preparing…" : "Set up two-factor sign-in"}
      </button>
    );
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Scan the QR code with an authenticator app (1Password, Google Authenticator, Authy…), or type the secret into it. Then enter the
        6-digit code it shows.
      </p>
      {/* A data: URL made on the server (qrcode package): no third party sees the secret. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={setup.qrDataUrl}
        alt="QR code for your authenticator app"
        width={192}
        height={192}
        className="rounded border border-slate-200"
      />
      <div>
        <p className="text-sm font-medium" id={`${id}-secret-label`}>
          Secret
        </p>
        <div className="mt-1 flex items-center gap-2">
          <code
            aria-labelledby={`${id}-secret-label`}
            data-testid="totp-secret"
            className="rounded bg-slate-50 px-2 py-1 font-mono text-sm break-all"
          >
            {setup.secret}
          </code>
          <CopyButton value={setup.secret} label="Copy secret" />
        </div>
      </div>
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-2">
        <div className="w-40">
          <TextField
            id={`${id}-code`}
            name="code"
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            errors={fieldErrors.code}
          />
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          Turn on
        </button>
      </form>
    </div>
  );
}

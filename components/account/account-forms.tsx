"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { FormAction } from "@/components/carrier-auths/types";
import { TextField } from "@/components/form-field";
import { NewPasswordFields } from "@/components/team/new-password-fields";
import { useFormAction } from "@/components/team/use-form-action";
import { TwoFactorSetup } from "./two-factor-setup";

export function ChangePasswordForm({ action }: { action: FormAction<void> }) {
  const id = useId();
  const { submit, pending, fieldErrors } = useFormAction(action, () =>
    toast.success("Password changed. Your other sessions are signed out."),
  );
  return (
    <form onSubmit={submit} noValidate className="max-w-sm space-y-4">
      <input type="text" name="username" autoComplete="username" hidden readOnly />
      <TextField
        id={`${id}-current`}
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        errors={fieldErrors.currentPassword}
      />
      <NewPasswordFields id={id} errors={fieldErrors} label="New password" />
      <button type="submit" className="btn-primary" disabled={pending}>
        Change password
      </button>
    </form>
  );
}

export function TwoFactorSection({
  enabled,
  required,
  recoveryLeft,
  actions,
  doneHref,
}: {
  enabled: boolean;
  required: boolean;
  recoveryLeft: number;
  actions: {
    start: FormAction<{ secret: string; qrDataUrl: string }>;
    confirm: FormAction<{ recoveryCodes: string[] }>;
    disable?: FormAction<void>;
  };
  /** Where to go once the recovery codes are saved (the setup page: the dashboard). */
  doneHref?: string;
}) {
  const router = useRouter();
  const [settingUp, setSettingUp] = useState(!enabled);
  if (enabled && !settingUp) {
    return (
      <div className="space-y-3">
        <p className="text-sm">
          <strong>On.</strong> Sign-in asks for a code from your authenticator app. {recoveryLeft} of 10 recovery codes left.
        </p>
        {actions.disable && !required && <DisableTwoFactor action={actions.disable} />}
        {required && <p className="text-sm text-slate-500">Your team requires two-factor sign-in, so it cannot be turned off.</p>}
      </div>
    );
  }
  return (
    <TwoFactorSetup
      start={actions.start}
      confirm={actions.confirm}
      onDone={() => {
        setSettingUp(false);
        if (doneHref) router.replace(doneHref);
        router.refresh();
      }}
    />
  );
}

function DisableTwoFactor({ action }: { action: FormAction<void> }) {
  const id = useId();
  const { submit, pending, fieldErrors } = useFormAction(action, () => toast.success("Two-factor sign-in is off."));
  return (
    <form onSubmit={submit} noValidate className="flex max-w-md flex-wrap items-end gap-2">
      <div className="flex-1">
        <TextField
          id={`${id}-password`}
          name="password"
          type="password"
          label="Your password, to turn it off"
          autoComplete="current-password"
          required
          errors={fieldErrors.password}
        />
      </div>
      <button type="submit" className="btn-danger" disabled={pending}>
        Turn off
      </button>
    </form>
  );
}

"use client";

import { ActionDialog as Dialog, type ActionDialogProps } from "@/components/action-dialog";
import { SudoPasswordField } from "./sudo-field";
import { useRevealToken } from "./token-reveal";

function tokenOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("token" in data)) return null;
  return typeof data.token === "string" ? data.token : null;
}

/**
 * The shared ActionDialog for API access: a token in the result goes straight to the
 * shown-once dialog and is kept nowhere else, and `sudo` marks an action that sudo mode
 * guards (its password field appears, after the dialog's own fields, once the server asks).
 */
export function ActionDialog<R>({ sudo = false, children, ...props }: Omit<ActionDialogProps<R>, "onSuccess"> & { sudo?: boolean }) {
  const reveal = useRevealToken();
  return (
    <Dialog
      {...props}
      onSuccess={(data, trigger) => {
        const token = tokenOf(data);
        if (token) reveal(token, trigger);
      }}
    >
      {(ctx) => (
        <>
          {children?.(ctx)}
          {sudo && <SudoPasswordField {...ctx} />}
        </>
      )}
    </Dialog>
  );
}

"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult, FieldErrors } from "@/lib/auth/member-action";
import type { FormAction } from "@/components/carrier-auths/types";

/**
 * Submits a form to a server action outside useActionState (the dialogs keep their own
 * state): the failure's message is toasted and its field errors kept for the fields;
 * password inputs are emptied either way.
 */
export function useFormAction<R>(action: FormAction<R>, onOk: (data: R) => void) {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result: ActionResult<R> = await action(null, data);
      for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = "";
      if (result.ok) {
        setFieldErrors({});
        onOk(result.data);
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      toast.error(result.error);
    });
  }
  return { submit, pending, fieldErrors, reset: () => setFieldErrors({}) };
}

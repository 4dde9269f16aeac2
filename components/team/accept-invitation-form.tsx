"use client";

import { useId, useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { FormAction } from "@/components/carrier-auths/types";
import { TextField } from "@/components/form-field";
import { NewPasswordFields } from "./new-password-fields";
import { useFormAction } from "./use-form-action";

/** Name and password; once the member exists, the same password signs them in. */
export function AcceptInvitationForm({ token, email, action }: { token: string; email: string; action: FormAction<{ email: string }> }) {
  const id = useId();
  const router = useRouter();
  const [password, setPassword] = useState("");
  const { submit, pending, fieldErrors } = useFormAction(action, async (data) => {
    toast.success("Welcome to the team.");
    const result = await signIn("credentials", { email: data.email, password, redirect: false });
    router.replace(result?.ok && !result.error ? "/" : "/signin");
    router.refresh();
  });
  return (
    <form onSubmit={submit} noValidate className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="text" name="username" value={email} autoComplete="username" hidden readOnly />
      <TextField id={`${id}-name`} name="name" label="Your name" autoComplete="name" required errors={fieldErrors.name} />
      <NewPasswordFields id={id} errors={fieldErrors} label="Password" onChange={setPassword} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Joining…" : "Join the team"}
      </button>
    </form>
  );
}

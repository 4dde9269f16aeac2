"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { SIGN_IN_CODE_REQUIRED, SIGN_IN_CODE_WRONG, SIGN_IN_LOCKED } from "@/lib/auth/sign-in-errors";

function failureMessage(error: string | null | undefined): string | null {
  if (error === SIGN_IN_LOCKED) return "Too many failed sign-ins. Try again in a few minutes.";
  if (error === SIGN_IN_CODE_REQUIRED) return null;
  if (error === SIGN_IN_CODE_WRONG) return "That code is not right, or was already used.";
  return "Wrong e-mail or password.";
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Two-factor sign-in: after the right password, the same form asks for a code as well.
  const [needsCode, setNeedsCode] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // Checked again here: this is the navigation that would leave the site.
      router.replace(safeRedirectPath(callbackUrl) ?? "/");
      router.refresh();
      return;
    }
    setPending(false);
    if (result?.error === SIGN_IN_CODE_REQUIRED || result?.error === SIGN_IN_CODE_WRONG) setNeedsCode(true);
    const codeInput = formElement.elements.namedItem("code");
    if (codeInput instanceof HTMLInputElement) codeInput.value = "";
    setError(failureMessage(result?.error));
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4">
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          E-mail
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="input mt-1" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input mt-1" />
      </div>
      {needsCode && (
        <div>
          <label htmlFor="code" className="block text-sm font-medium">
            Authentication code
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={40}
            aria-describedby="code-hint"
            className="input mt-1"
          />
          <p id="code-hint" className="mt-1 text-xs text-slate-500">
            The 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="btn-primary w-full">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

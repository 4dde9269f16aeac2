"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="btn w-full" onClick={() => signOut({ callbackUrl: "/signin" })}>
      <LogOut aria-hidden="true" className="size-4" />
      Sign out
    </button>
  );
}

import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/member";
import { REQUEST_PATH_HEADER, signInUrl } from "@/lib/auth/redirect";
import { mustSetUpTwoFactor } from "@/lib/auth/two-factor-gate";
import { TwoFactorSection } from "@/components/account/account-forms";
import { SignOutButton } from "@/components/sign-out-button";
import { confirmTwoFactorSetup, startTwoFactorSetup } from "../(dashboard)/account/actions";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };
export const dynamic = "force-dynamic";

/** Outside the dashboard layout: where requireMember sends a member their team requires it of. */
export default async function TwoFactorSetupPage() {
  const member = await currentMember();
  if (!member) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER)));
  if (!mustSetUpTwoFactor(member)) redirect("/account");
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Set up two-factor sign-in</h1>
        <p className="mt-1 mb-6 text-sm text-slate-500">
          {member.tenant.name} requires two-factor sign-in. Set it up for {member.email} to continue.
        </p>
        <TwoFactorSection
          enabled={false}
          required
          recoveryLeft={0}
          actions={{ start: startTwoFactorSetup, confirm: confirmTwoFactorSetup }}
          doneHref="/"
        />
        <div className="mt-6 border-t border-slate-200 pt-4">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}

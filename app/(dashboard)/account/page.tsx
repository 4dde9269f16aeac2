import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/member";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { remainingRecoveryCodes } from "@/lib/auth/two-factor";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm, TwoFactorSection } from "@/components/account/account-forms";
import { changePassword, confirmTwoFactorSetup, startTwoFactorSetup, turnOffTwoFactor } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const member = await requireMember();
  const recoveryLeft = member.twoFactor ? await remainingRecoveryCodes(member.id) : 0;
  return (
    <>
      <PageHeader title="Account" description={`${member.name} · ${member.email} · ${ROLE_LABELS[member.role]}`} />
      <section aria-labelledby="password-heading" className="card p-6">
        <h2 id="password-heading" className="font-medium">
          Password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">Changing it signs you out everywhere else.</p>
        <ChangePasswordForm action={changePassword} />
      </section>
      <section aria-labelledby="two-factor-heading" className="card mt-6 p-6">
        <h2 id="two-factor-heading" className="mb-4 font-medium">
          Two-factor sign-in
        </h2>
        <TwoFactorSection
          enabled={member.twoFactor}
          required={member.tenant.requireTwoFactor}
          recoveryLeft={recoveryLeft}
          actions={{ start: startTwoFactorSetup, confirm: confirmTwoFactorSetup, disable: turnOffTwoFactor }}
        />
      </section>
    </>
  );
}

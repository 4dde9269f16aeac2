"use server";

import { z } from "zod";
import { memberAction } from "@/lib/auth/member-action";
import { reissueSessionCookie } from "@/lib/auth/session-cookie";
import { beginSetup, confirmSetup, disableTwoFactor } from "@/lib/auth/two-factor";
import { changeOwnPassword } from "@/lib/team/account";
import { ChangePasswordInput, ConfirmTwoFactorInput, DisableTwoFactorInput } from "@/lib/team/rules";

// A member's own account: password and two-factor sign-in. Every role may ("read"); the
// setup's actions also run before the setup a team requires (the setup page uses them).

const shownOn = ["/account", "/team", "/activity"];

export const changePassword = memberAction(
  { ability: "read", schema: ChangePasswordInput, revalidate: [] },
  async ({ member, input, ip }) => {
    const { sessionVersion } = await changeOwnPassword(member, { email: member.email, ip }, input);
    // This session carries the new version; the member's other sessions end at their next request.
    await reissueSessionCookie({ sessionVersion });
  },
);

/** The secret and its QR code go to the setup dialog only; it is sealed in the database until confirmed. */
export const startTwoFactorSetup = memberAction(
  { ability: "read", schema: z.object({}), revalidate: [], beforeTwoFactorSetup: true },
  async ({ member }) => {
    const { secret, qrDataUrl } = await beginSetup(member);
    return { secret, qrDataUrl };
  },
);

/**
 * The recovery codes go to the dialog once; only their hashes are kept. Nothing is
 * revalidated: a re-render of the setup page would leave it (its member no longer needs
 * it) before the codes are read; the form refreshes once they are saved.
 */
export const confirmTwoFactorSetup = memberAction(
  { ability: "read", schema: ConfirmTwoFactorInput, revalidate: [], beforeTwoFactorSetup: true },
  async ({ member, input, ip }) => confirmSetup(member, { email: member.email, ip }, input.code),
);

export const turnOffTwoFactor = memberAction(
  { ability: "read", schema: DisableTwoFactorInput, revalidate: shownOn },
  async ({ member, input, ip }) => disableTwoFactor(member, { email: member.email, ip }, input.password),
);

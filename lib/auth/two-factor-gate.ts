// No imports: pages, actions and their tests read it without the database.

/** Where a member whose team requires two-factor sign-in, and who has none yet, is sent first. */
export const TWO_FACTOR_SETUP_PATH = "/two-factor-setup";

/** The tenant requires two-factor sign-in and this member has not set it up. */
export function mustSetUpTwoFactor(member: { tenant: { requireTwoFactor: boolean }; twoFactor: boolean }): boolean {
  return member.tenant.requireTwoFactor && !member.twoFactor;
}

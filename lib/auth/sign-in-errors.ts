/**
 * What staff sign-in tells the browser. An error thrown in next-auth's authorize() reaches
 * signIn()'s result as `error`, so the server (lib/auth/options.ts) and the sign-in form
 * must agree on the string. No imports: the form is a client component.
 */
export const SIGN_IN_LOCKED = "locked";
/** The password was right; the member has two-factor sign-in on: ask for a code. */
export const SIGN_IN_CODE_REQUIRED = "code_required";
/** The code (or recovery code) was wrong, used, or replayed: counted like a wrong password. */
export const SIGN_IN_CODE_WRONG = "code_wrong";

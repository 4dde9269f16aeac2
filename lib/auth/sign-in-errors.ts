/**
 * What staff sign-in tells the browser. An error thrown in next-auth's authorize() reaches
 * signIn()'s result as `error`, so the server (lib/auth/options.ts) and the sign-in form
 * must agree on the string. No imports: the form is a client component.
 */
export const SIGN_IN_LOCKED = "locked";

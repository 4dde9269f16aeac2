import "server-only";
import { cookies } from "next/headers";
import { decode, encode, type JWT } from "next-auth/jwt";
import { httpsOrigin } from "@/lib/server/request-ip";
import { SESSION_MAX_AGE } from "./options";
import { authSecret } from "./secret";

/**
 * Rewrites this request's own session cookie with new claims, from a server action: after a
 * password change raised Member.sessionVersion, every other session of the member fails
 * lib/auth/member.ts' check while this one carries the new version. Same name and flags as
 * next-auth's own cookie (`__Secure-` and Secure with an https:// NEXTAUTH_URL).
 */
export async function reissueSessionCookie(claims: Partial<JWT>): Promise<void> {
  const secure = httpsOrigin() !== null;
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  const jar = await cookies();
  const secret = authSecret();
  const token = await decode({ token: jar.get(name)?.value, secret });
  if (!token) return;
  const value = await encode({ token: { ...token, ...claims }, secret, maxAge: SESSION_MAX_AGE });
  jar.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE });
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { delayAfter, loginThrottle, sleep } from "@/lib/auth/login-throttle";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { SIGN_IN_CODE_REQUIRED, SIGN_IN_CODE_WRONG, SIGN_IN_LOCKED } from "@/lib/auth/sign-in-errors";
import { twoFactorEnabled, verifySecondFactor } from "@/lib/auth/two-factor";
import { env } from "@/lib/server/env";
import { clientIp, httpsOrigin, plainHttpRefused } from "@/lib/server/request-ip";
import { safeRedirectPath } from "./redirect";
import { authSecret } from "./secret";

const Credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  // Two-factor sign-in's second step (lib/auth/two-factor.ts): a 6-digit code or a recovery code.
  code: z.string().max(40).optional(),
});

/** How long a session lasts; a reissued cookie (lib/auth/session-cookie.ts) gets the same. */
export const SESSION_MAX_AGE = 12 * 60 * 60;

async function authorize(raw: Record<string, string> | undefined, request: { headers?: Record<string, unknown> }) {
  const parsed = Credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password, code } = parsed.data;
  const headers = requestHeaders(request.headers);
  // The page redirected to HTTPS; a form posted over plain HTTP anyway is not read.
  if (plainHttpRefused(headers)) throw new Error(SIGN_IN_HTTPS_REQUIRED);
  // The dashboard's own buckets (lib/auth/login-throttle.ts), apart from the API's token login.
  const throttled = await loginThrottle().begin("dashboard", { account: email, ip: clientIp(headers) });
  if (throttled.refused) throw new Error(SIGN_IN_LOCKED);
  await sleep(delayAfter(throttled.pairFailures));
  const prisma = await db();
  const member = await prisma.member.findUnique({ where: { email } });
  const passwordOk = member ? await verifyPassword(member.passwordHash, password) : await burnPasswordCheck(password);
  if (!member || !passwordOk) return null; // stays counted as a failure
  if (await twoFactorEnabled(member.id)) {
    // The right password alone is neither a failure nor a sign-in: the form asks for the code.
    if (!code?.trim()) {
      await throttled.withdrawn();
      throw new Error(SIGN_IN_CODE_REQUIRED);
    }
    // A wrong, used or replayed code stays counted, in the same buckets as a wrong password.
    if (!(await verifySecondFactor(member.id, code))) throw new Error(SIGN_IN_CODE_WRONG);
  }
  await throttled.succeeded();
  await prisma.member.update({ where: { id: member.id }, data: { lastSignInAt: new Date() } });
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    tenantId: member.tenantId,
    role: member.role,
    sessionVersion: member.sessionVersion,
  };
}

/** What authorize() throws for a sign-in posted over plain HTTP to an HTTPS-only app. */
const SIGN_IN_HTTPS_REQUIRED = "https_required";

function requestHeaders(raw: Record<string, unknown> = {}): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string") headers.set(key, value);
  return headers;
}

/** Built on demand so the secret is read at request time, never during `next build`. */
export function authOptions(): NextAuthOptions {
  // Without NEXTAUTH_URL next-auth assumes http://localhost:3000; trusting the request's
  // host keeps sign-in and sign-out on whatever port the app runs on.
  if (!env().NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  return {
    secret: authSecret(),
    // With an https:// NEXTAUTH_URL: `__Secure-` cookies with the Secure flag, never sent over HTTP.
    useSecureCookies: httpsOrigin() !== null,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        authorize,
      }),
    ],
    callbacks: {
      // Where next-auth sends the browser after sign-in or sign-out: a path of this site
      // (the rule of lib/auth/redirect.ts), else the home page.
      redirect({ url, baseUrl }) {
        const path = safeRedirectPath(url, baseUrl);
        return path ? `${baseUrl}${path}` : baseUrl;
      },
      jwt({ token, user }) {
        if (user)
          Object.assign(token, {
            memberId: user.id,
            tenantId: user.tenantId,
            role: user.role,
            sessionId: randomUUID(),
            sessionVersion: user.sessionVersion,
          });
        return token;
      },
      session({ session, token }) {
        if (session.user)
          Object.assign(session.user, {
            memberId: token.memberId,
            tenantId: token.tenantId,
            role: token.role,
            sessionId: token.sessionId,
            sessionVersion: token.sessionVersion,
          });
        return session;
      },
    },
  };
}

import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/redirect";
import { httpsOrigin, plainHttpRefused, strictTransportSecurity } from "@/lib/server/request-ip";

/**
 * Runs before every page (not the API, not static files: see `config.matcher`):
 *  - a Content-Security-Policy with a fresh nonce per request, the way the Next.js docs
 *    describe it. Next reads the nonce from the request's CSP header and puts it on its own
 *    inline bootstrap scripts and bundles; 'strict-dynamic' lets those load the rest. An
 *    injected <script> without the nonce does not run, whatever slipped into the HTML.
 *  - the requested path, for requireMember's way back after sign-in.
 *  - HTTPS only, when NEXTAUTH_URL is https:// (lib/server/request-ip.ts): a page asked for
 *    over plain HTTP is redirected to the same path on the public https:// origin (never
 *    the request's Host: that would be an open redirect), and a page over HTTPS gets HSTS
 *    and `upgrade-insecure-requests` in its CSP.
 * X-Frame-Options, nosniff and Referrer-Policy come from next.config.ts for every response,
 * the API included. Authorization is never decided here: every page and action checks.
 */
export function proxy(request: NextRequest) {
  const https = httpsOrigin();
  if (https && plainHttpRefused(request.headers)) {
    // 308 keeps the method; only GET and HEAD reach pages in practice.
    return NextResponse.redirect(`${https}${requestedPath(request)}`, 308);
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", https !== null);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(REQUEST_PATH_HEADER, requestedPath(request));

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(request.headers);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/**
 * The toaster (sonner) inserts its stylesheet as a <style> element with no nonce, first
 * empty and then filled. These are the hashes of exactly those two texts, so that one known
 * stylesheet applies and nothing else inline does (tests/csp-toaster.test.ts recomputes
 * them from the installed sonner: an upgrade that changes its CSS fails that test).
 */
export const TOASTER_STYLE_HASHES = [
  "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
  "sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY=",
];

/** 128 random bits, base64: unguessable, and new for every response. */
function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, dev = false, httpsOnly = false): string {
  return [
    "default-src 'self'",
    // React's development build needs eval for its error overlay; production does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}' ${TOASTER_STYLE_HASHES.map((hash) => `'${hash}'`).join(" ")}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only with HTTPS only on: on the README's http://localhost it would send the page's
    // requests to https, where nothing listens.
    ...(httpsOnly ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The page's path and query as the browser asked for it, without the router's cache-busting `_rsc`. */
function requestedPath(request: NextRequest): string {
  const url = request.nextUrl.clone();
  url.searchParams.delete("_rsc");
  return url.pathname + url.search;
}

export const config = {
  matcher: [
    {
      // Not the API (/api/v1 and its /v1 alias: JSON needs no CSP and must not pay for
      // this step), not built assets, not the favicon.
      source: "/((?!api/|api$|v1/|v1$|_next/static|_next/image|favicon.ico).*)",
      // Prefetches render nothing the browser runs.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

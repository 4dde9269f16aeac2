import "server-only";
import { env } from "@/lib/server/env";

/**
 * The client as its connection tells it: its IP and the scheme it used. server.mjs puts
 * the socket's address in `x-courier-peer` and `https` or `http` (was the socket TLS?) in
 * `x-courier-proto`, overwriting whatever a client sent; only with TRUST_PROXY set do we
 * believe X-Forwarded-For and X-Forwarded-Proto, which a proxy in front of us sets.
 */
export function clientIp(headers: Headers): string | null {
  if (env().TRUST_PROXY) {
    const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (first) return first;
  }
  const peer = headers.get("x-courier-peer");
  if (peer) return stripIpv4Mapping(peer);
  // `next dev` has no server.mjs in front: Next itself fills X-Forwarded-For from the socket.
  if (env().NODE_ENV !== "production") return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  return null;
}

function stripIpv4Mapping(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

export type Scheme = "https" | "http";

/** The scheme the client used: the socket's, or the proxy's X-Forwarded-Proto under TRUST_PROXY. */
export function requestScheme(headers: Headers): Scheme {
  if (env().TRUST_PROXY) {
    // A chain of proxies appends: the first entry is what the client used at the edge.
    const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    if (forwarded === "https" || forwarded === "http") return forwarded;
  }
  const socket = headers.get("x-courier-proto");
  if (socket === "https" || socket === "http") return socket;
  // `next dev` has no server.mjs in front: Next itself sets X-Forwarded-Proto from the socket.
  if (env().NODE_ENV !== "production") return headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return "http";
}

/** The public https:// origin when the app is HTTPS only (NEXTAUTH_URL is https://), else null. */
export function httpsOrigin(): string | null {
  const url = env().NEXTAUTH_URL;
  return url && url.startsWith("https://") ? new URL(url).origin : null;
}

/** True when HTTPS only is on and this request came over plain HTTP: refuse (API) or redirect (pages). */
export function plainHttpRefused(headers: Headers): boolean {
  return httpsOrigin() !== null && requestScheme(headers) === "http";
}

/**
 * Strict-Transport-Security for a response to this request, or null: only when HTTPS only
 * is on and the request came over HTTPS (browsers ignore it over HTTP). Never on the
 * README's http://localhost: HSTS holds for every port of a host, and would break it.
 * One year, with subdomains left out (the app does not own its parent domain's hosts).
 */
export function strictTransportSecurity(headers: Headers): string | null {
  return httpsOrigin() !== null && requestScheme(headers) === "https" ? "max-age=31536000" : null;
}

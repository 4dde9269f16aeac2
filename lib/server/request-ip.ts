import "server-only";
import { env } from "@/lib/server/env";

/**
 * The client's IP. server.mjs puts the socket's address in `x-courier-peer` (overwriting
 * whatever a client sent); only with TRUST_PROXY set do we believe X-Forwarded-For,
 * whose first entry is the client as the proxy saw it.
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

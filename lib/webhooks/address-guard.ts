import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/server/env";

/**
 * The guard against server-side request forgery: an endpoint URL is something a customer
 * typed, and the worker will POST to it from inside our network. Checked when an endpoint
 * is saved and again before every attempt (DNS can change after the save); the delivery
 * then connects to the very address checked here (./deliver.ts pins it), so a name that
 * resolves to a public address for the check and to 127.0.0.1 for the connection (DNS
 * rebinding) gets nowhere. WEBHOOKS_ALLOW_PRIVATE lifts the address rule and the https rule,
 * for local development and the tests' receivers on 127.0.0.1.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", the unspecified address
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, and the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["64:ff9b::", 96], // NAT64: would reach any IPv4 address, private ones too
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 23], // IETF assignments: Teredo and others
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: embeds an IPv4 address
  ["fc00::", 7], // unique local, AWS metadata fd00:ec2::254 among them
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address is one the worker must never call (IPv4-mapped IPv6 is checked as its IPv4 address). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // BlockList applies IPv4 rules to ::ffff:a.b.c.d itself.
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface Target {
  url: URL;
  /** The address checked: the one to connect to. */
  address: string;
  family: 4 | 6;
}

export class RefusedUrl extends Error {
  override name = "RefusedUrl";
}

function allowPrivate(): boolean {
  return env().WEBHOOKS_ALLOW_PRIVATE;
}

/** The scheme rule alone (no DNS): https:// in production unless WEBHOOKS_ALLOW_PRIVATE. */
export function schemeProblem(url: URL): string | null {
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && (env().NODE_ENV !== "production" || allowPrivate())) return null;
  return "The URL must start with https://.";
}

/**
 * Resolves the URL's host and checks every address it resolves to; the first is the one to
 * connect to. Throws RefusedUrl with a message fit for the customer (it names no address).
 */
export async function resolveTarget(raw: string): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrl("The URL is not valid.");
  }
  const scheme = schemeProblem(url);
  if (scheme) throw new RefusedUrl(scheme);
  // WHATWG URL keeps IPv6 literals in brackets and normalises IPv4 forms (2130706433, 0x7f.1) to dotted quads.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new RefusedUrl("The URL's host name does not resolve.");
    }
  }
  const first = addresses[0];
  if (!first) throw new RefusedUrl("The URL's host name does not resolve.");
  if (!allowPrivate() && addresses.some((a) => isForbiddenAddress(a.address))) {
    throw new RefusedUrl("The URL points to a private, loopback, link-local or reserved address; use a public address.");
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

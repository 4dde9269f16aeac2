import "server-only";
import { BlockList, isIP } from "node:net";

/**
 * An API user's IP allowlist: IPv4 and IPv6 addresses and CIDR ranges the API accepts its
 * tokens from (empty: any address). The entries are kept as typed (normalised); matching
 * goes through node's BlockList, which compares addresses, not strings, so `2001:db8::1`
 * and `2001:DB8:0:0::1` are one address and an IPv4 client matches an IPv4 range only.
 */

export const MAX_ALLOWLIST_ENTRIES = 100;

export type AllowlistParse = { entries: string[] } | { error: string };

/** One entry, normalised, or why it is not one. */
function parseEntry(raw: string): { entry: string } | { error: string } {
  const text = raw.trim().toLowerCase();
  const [address = "", prefix, extra] = text.split("/");
  const family = isIP(address);
  if (extra !== undefined || family === 0) return { error: `“${raw.slice(0, 60)}” is not an IP address or CIDR range.` };
  if (prefix === undefined) return { entry: address };
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    return { error: `“${raw.slice(0, 60)}”: the prefix length must be 0 to ${max} for IPv${family}.` };
  }
  return { entry: `${address}/${Number(prefix)}` };
}

/** The form's text (entries separated by new lines, commas or spaces) as entries, or the first problem. */
export function parseAllowlist(text: string): AllowlistParse {
  const raws = text.split(/[\s,]+/).filter(Boolean);
  const entries: string[] = [];
  const problems: string[] = [];
  for (const raw of raws) {
    const parsed = parseEntry(raw);
    if ("error" in parsed) problems.push(parsed.error);
    else if (!entries.includes(parsed.entry)) entries.push(parsed.entry);
  }
  if (problems.length > 0) return { error: problems.slice(0, 3).join(" ") };
  if (entries.length > MAX_ALLOWLIST_ENTRIES) return { error: `At most ${MAX_ALLOWLIST_ENTRIES} entries.` };
  return { entries };
}

const lists = new Map<string, BlockList>();

function blockListOf(entries: readonly string[]): BlockList {
  const key = entries.join(",");
  const known = lists.get(key);
  if (known) return known;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  // Bounded: the lists of the users calling right now, not of every user there ever was.
  if (lists.size >= 1_000) lists.clear();
  lists.set(key, list);
  return list;
}

/** May a request from `ip` use the tokens of a user with this allowlist? An unknown address passes only an empty list. */
export function addressAllowed(entries: readonly string[], ip: string | null): boolean {
  if (entries.length === 0) return true;
  if (!ip) return false;
  const address = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(address);
  if (family === 0) return false;
  return blockListOf(entries).check(address, family === 6 ? "ipv6" : "ipv4");
}

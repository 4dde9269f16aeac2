import "server-only";
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { env } from "@/lib/server/env";

/**
 * The public keys a secret scanner (GitHub's secret-scanning partner program) signs its
 * reports with, fetched from SECRET_SCANNING_KEYS_URL (`{"public_keys": [{"key_identifier",
 * "key": PEM, "is_current"}]}`) and kept for an hour. A report signed with a key id we do not
 * hold refetches at once (keys rotate), at most once a minute, so forged ids cannot make us
 * hammer the URL.
 */

const KEEP_MS = 60 * 60_000;
const REFETCH_AFTER_MS = 60_000;
const FETCH_TIMEOUT_MS = 5_000;

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

export class ScannerKeys {
  private current: KeySet | null = null;
  private pending: Promise<KeySet> | null = null;

  constructor(private readonly url: () => string = () => env().SECRET_SCANNING_KEYS_URL) {}

  /** The key with this id, or null (after a refetch when the cached set lacks it and is old enough). */
  async key(id: string, now = Date.now()): Promise<KeyObject | null> {
    let set = this.current;
    if (!set || now - set.fetchedAt > KEEP_MS) set = await this.refresh();
    const found = set.keys.get(id);
    if (found) return found;
    if (now - set.fetchedAt < REFETCH_AFTER_MS) return null;
    return (await this.refresh()).keys.get(id) ?? null;
  }

  private refresh(): Promise<KeySet> {
    this.pending ??= this.fetchKeys().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchKeys(): Promise<KeySet> {
    const response = await fetch(this.url(), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`secret scanning keys: ${response.status} from the keys URL`);
    const document = (await response.json()) as { public_keys?: unknown };
    const keys = new Map<string, KeyObject>();
    for (const entry of Array.isArray(document.public_keys) ? document.public_keys : []) {
      if (typeof entry !== "object" || entry === null) continue;
      const { key_identifier: id, key } = entry as { key_identifier?: unknown; key?: unknown };
      if (typeof id !== "string" || typeof key !== "string") continue;
      try {
        keys.set(id, createPublicKey(key));
      } catch {
        // A key we cannot read signs nothing we accept.
      }
    }
    this.current = { keys, fetchedAt: Date.now() };
    return this.current;
  }
}

/** Is `signature` (base64 DER ECDSA, as GitHub sends it) a P-256/SHA-256 signature of `body` by `key`? */
export function signatureValid(key: KeyObject, body: string, signature: string): boolean {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") return false;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify("sha256", Buffer.from(body, "utf8"), { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

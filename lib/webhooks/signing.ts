import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import type { PlainSecret } from "@/lib/secrets";

/**
 * Standard Webhooks 1.0 signing: the secret is `whsec_` + base64 of random bytes; the
 * signature of one attempt is `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`))
 * where key is the secret's bytes after the prefix. Several signatures (a rotation's
 * overlap) go space-separated in one `webhook-signature` header.
 */

const PREFIX = "whsec_";
const SECRET_BYTES = 32;

export function newSigningSecret(): PlainSecret {
  return `${PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}` as PlainSecret;
}

function keyOf(secret: PlainSecret): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

export function signature(secret: PlainSecret, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The three headers of one attempt; `secrets` in order, current first. */
export function signedHeaders(secrets: readonly PlainSecret[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => signature(secret, id, timestamp, body)).join(" "),
  };
}

/** `msg_` + 24 random hex bytes: the webhook-id of a message and all its retries. */
export function newMessageId(): string {
  return `msg_${randomBytes(12).toString("hex")}`;
}

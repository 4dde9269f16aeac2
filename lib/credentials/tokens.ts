import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import type { Environment } from "@prisma/client";

/**
 * The only module that creates, formats, checksums and hashes API tokens.
 *
 * Format: `cc_live_` | `cc_test_`, 64 lowercase hex characters (256 random bits), `_`,
 * and the CRC32 (8 hex) of everything before it. The prefix makes leaked tokens easy to
 * scan for; the checksum lets the API reject a mistyped or forged string without a
 * database query.
 */

declare const plain: unique symbol;
/** A token in clear text. Exists only between creation and the shown-once dialog. */
export type PlainToken = string & { readonly [plain]: true };

const PREFIX = { LIVE: "cc_live_", TEST: "cc_test_" } as const satisfies Record<Environment, string>;
const TOKEN_PATTERN = /^cc_(live|test)_([0-9a-f]{64})_([0-9a-f]{8})$/;
export const TOKEN_LENGTH = 8 + 64 + 1 + 8;

function checksum(body: string): string {
  return crc32(body).toString(16).padStart(8, "0");
}

export function generateToken(environment: Environment): PlainToken {
  const body = PREFIX[environment] + randomBytes(32).toString("hex");
  return `${body}_${checksum(body)}` as PlainToken;
}

/** The environment of a well-formed token with a valid checksum, or null. No I/O. */
export function parseToken(candidate: string): { token: PlainToken; environment: Environment } | null {
  if (candidate.length !== TOKEN_LENGTH) return null;
  const match = TOKEN_PATTERN.exec(candidate);
  if (!match) return null;
  const body = candidate.slice(0, -9);
  if (checksum(body) !== match[3]) return null;
  return { token: candidate as PlainToken, environment: match[1] === "live" ? "LIVE" : "TEST" };
}

/** SHA-256 hex of the whole token: the only form that is stored. */
export function hashToken(token: PlainToken): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the dashboard shows after creation: prefix and last four, e.g. `cc_live_…9f3a`. */
export function tokenHint(token: PlainToken): string {
  return `${token.slice(0, 8)}…${token.slice(-4)}`;
}

/** Everything the database needs about a new token; the plain token stays with the caller. */
export function issueTokenSecret(environment: Environment) {
  const token = generateToken(environment);
  return { token, tokenHash: hashToken(token), hint: tokenHint(token) };
}

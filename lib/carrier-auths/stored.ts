import "server-only";
import { z } from "zod";
import type { Prisma } from "@prisma/client";
import { plainSecret, sealSecret, secretHint, type SecretBinding } from "@/lib/secrets";

/**
 * How a carrier auth's secret fields sit in its `secrets` column: per field the ciphertext
 * from lib/secrets (bound to the row and the field) and the hint the list shows (at most
 * the last four characters). Never a plain value.
 */

const StoredSecret = z.object({ sealed: z.string(), hint: z.string() });
const StoredSecrets = z.record(z.string(), StoredSecret);
export type StoredSecrets = z.output<typeof StoredSecrets>;

export const TABLE = "CarrierAuth";

export function binding(row: string, field: string): SecretBinding {
  return { table: TABLE, row, field };
}

/** The `secrets` column read back; anything else in it is a bug, not a value to show. */
export function storedSecrets(value: unknown): StoredSecrets {
  return StoredSecrets.parse(value);
}

/** Typed secret values sealed for this row, added to (or replacing fields of) what is stored. */
export function sealAll(row: string, typed: Record<string, string>, stored: StoredSecrets = {}): StoredSecrets {
  const next: StoredSecrets = { ...stored };
  for (const [field, value] of Object.entries(typed)) {
    const secret = plainSecret(value);
    next[field] = { sealed: sealSecret(secret, binding(row, field)), hint: secretHint(secret) };
  }
  return next;
}

export function storedFields(value: Prisma.JsonValue): Record<string, string> {
  return z.record(z.string(), z.string()).parse(value);
}

import "server-only";
import { isUnderCurrentKey, resealSecret, SecretIntegrityError, type SecretBinding } from "./index";

/** What one table's re-encryption did: rows read, ciphertexts re-sealed, rows left as they were. */
export interface ResealOutcome {
  rows: number;
  resealed: number;
  /** Ids of rows whose ciphertext fails its integrity check (altered, or copied from another row). */
  unreadable: string[];
}

/** A ciphertext under the current key: as it is when it is already, else re-sealed at the same place. */
export function underCurrentKey(sealed: string, at: SecretBinding): string {
  return isUnderCurrentKey(sealed) ? sealed : resealSecret(sealed, at);
}

/**
 * Re-encrypts one table's stored secrets under the current key, for `npm run secrets:rotate`
 * (scripts/rotate-secret-key.ts): reads the rows by id in batches (`page`), skips those whose
 * ciphertexts are all current (`current`), and re-seals each other row in its own short
 * transaction that locks and re-reads it (`reseal`, returning how many ciphertexts it
 * re-sealed), so an edit made meanwhile is neither lost nor blocked for long. Readers accept
 * every configured key throughout, so the app keeps serving. A row that fails its integrity
 * check is left as it is and named, so the rest still moves to the new key.
 */
export async function resealTable<Row extends { id: string }>({
  page,
  current,
  reseal,
  batchSize = 100,
}: {
  page: (after: string, take: number) => Promise<Row[]>;
  current: (row: Row) => boolean;
  reseal: (id: string) => Promise<number>;
  batchSize?: number;
}): Promise<ResealOutcome> {
  const outcome: ResealOutcome = { rows: 0, resealed: 0, unreadable: [] };
  let after = "";
  for (;;) {
    const batch = await page(after, batchSize);
    if (batch.length === 0) return outcome;
    after = batch[batch.length - 1]?.id ?? after;
    for (const row of batch) {
      outcome.rows += 1;
      if (current(row)) continue;
      try {
        outcome.resealed += await reseal(row.id);
      } catch (error) {
        if (!(error instanceof SecretIntegrityError)) throw error;
        outcome.unreadable.push(row.id);
      }
    }
  }
}

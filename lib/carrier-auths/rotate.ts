import "server-only";
import { db } from "@/lib/db";
import { assertKeysKnown, isUnderCurrentKey, resealSecret, SecretIntegrityError } from "@/lib/secrets";
import { binding, storedSecrets } from "./stored";

/**
 * Re-encrypts every carrier auth secret that is not under the current key, for
 * `npm run secrets:rotate`. Batches by id; each row in its own short transaction that locks
 * it (FOR UPDATE) and re-reads it, so an edit made meanwhile is neither lost nor blocked for
 * long. Readers accept every configured key throughout, so the app keeps serving.
 */
export async function rotateCarrierAuthSecrets(batchSize = 100): Promise<{ rows: number; resealed: number; unreadable: string[] }> {
  const prisma = await db();
  let after = "";
  let rows = 0;
  let resealed = 0;
  // Rows whose ciphertext fails its integrity check (altered, or copied from another row):
  // left as they are and named, so the rest still moves to the new key.
  const unreadable: string[] = [];
  for (;;) {
    const batch = await prisma.carrierAuth.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, secrets: true },
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.id ?? after;
    for (const row of batch) {
      rows += 1;
      if (Object.values(storedSecrets(row.secrets)).every((s) => isUnderCurrentKey(s.sealed))) continue;
      try {
        resealed += await reseal(row.id);
      } catch (error) {
        if (!(error instanceof SecretIntegrityError)) throw error;
        unreadable.push(row.id);
      }
    }
  }
  return { rows, resealed, unreadable };

  async function reseal(id: string) {
    return prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ secrets: unknown }[]>`SELECT "secrets" FROM "CarrierAuth" WHERE "id" = ${id} FOR UPDATE`;
      if (!locked) return 0; // deleted meanwhile
      const secrets = storedSecrets(locked.secrets);
      let count = 0;
      for (const [field, stored] of Object.entries(secrets)) {
        if (isUnderCurrentKey(stored.sealed)) continue;
        secrets[field] = { ...stored, sealed: resealSecret(stored.sealed, binding(id, field)) };
        count += 1;
      }
      // Not an edit: updatedAt/updatedById stay as the member left them.
      await tx.carrierAuth.update({ where: { id }, data: { secrets } });
      return count;
    });
  }
}

/** The key ids the stored carrier auth secrets were made with. */
export async function carrierAuthKeyIds(): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ keyId: string }[]>`
    SELECT DISTINCT split_part(entry.value->>'sealed', '.', 2) AS "keyId"
    FROM "CarrierAuth", jsonb_each("CarrierAuth"."secrets") AS entry`;
  return rows.map((row) => row.keyId);
}

/**
 * At start (instrumentation.ts): every key a stored secret names must be configured, or the
 * server stops with an error that names the key id, instead of failing at the first reveal.
 * With no stored secret, no key is needed yet.
 */
export async function checkCarrierAuthKeys(): Promise<void> {
  assertKeysKnown(await carrierAuthKeyIds());
}

import "server-only";
import { db } from "@/lib/db";
import { assertKeysKnown, isUnderCurrentKey, resealSecret } from "@/lib/secrets";
import { resealTable, type ResealOutcome } from "@/lib/secrets/rotation";
import { binding, storedSecrets } from "./stored";

/** Re-encrypts every carrier auth secret that is not under the current key (lib/secrets/rotation.ts). */
export async function rotateCarrierAuthSecrets(batchSize = 100): Promise<ResealOutcome> {
  const prisma = await db();
  return resealTable({
    batchSize,
    page: (after, take) =>
      prisma.carrierAuth.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take, select: { id: true, secrets: true } }),
    current: (row) => Object.values(storedSecrets(row.secrets)).every((s) => isUnderCurrentKey(s.sealed)),
    reseal: (id) =>
      prisma.$transaction(async (tx) => {
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
      }),
  });
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

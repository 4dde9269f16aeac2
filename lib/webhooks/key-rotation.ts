import "server-only";
import { db } from "@/lib/db";
import { assertKeysKnown, isUnderCurrentKey, resealSecret, SecretIntegrityError } from "@/lib/secrets";
import { secretBinding } from "./endpoints";

/**
 * Webhook signing secrets under a new key of lib/secrets, for `npm run secrets:rotate`
 * (as lib/carrier-auths/rotate.ts does for carrier auths): each endpoint in its own short
 * transaction that locks and re-reads it. Not a rotation of the signing secret itself: the
 * integrator's secret stays the same.
 */
export async function rotateWebhookSecrets(batchSize = 100): Promise<{ rows: number; resealed: number; unreadable: string[] }> {
  const prisma = await db();
  let after = "";
  let rows = 0;
  let resealed = 0;
  const unreadable: string[] = [];
  for (;;) {
    const batch = await prisma.webhookEndpoint.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, secret: true, previousSecret: true },
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.id ?? after;
    for (const row of batch) {
      rows += 1;
      if (isUnderCurrentKey(row.secret) && (!row.previousSecret || isUnderCurrentKey(row.previousSecret))) continue;
      try {
        resealed += await prisma.$transaction(async (tx) => {
          const [locked] = await tx.$queryRaw<{ secret: string; previousSecret: string | null }[]>`
            SELECT "secret", "previousSecret" FROM "WebhookEndpoint" WHERE "id" = ${row.id} FOR UPDATE`;
          if (!locked) return 0;
          const secret = isUnderCurrentKey(locked.secret) ? locked.secret : resealSecret(locked.secret, secretBinding(row.id, "secret"));
          const previous =
            locked.previousSecret && !isUnderCurrentKey(locked.previousSecret)
              ? resealSecret(locked.previousSecret, secretBinding(row.id, "previousSecret"))
              : locked.previousSecret;
          await tx.webhookEndpoint.update({ where: { id: row.id }, data: { secret, previousSecret: previous } });
          return (secret !== locked.secret ? 1 : 0) + (previous !== locked.previousSecret ? 1 : 0);
        });
      } catch (error) {
        if (!(error instanceof SecretIntegrityError)) throw error;
        unreadable.push(row.id);
      }
    }
  }
  return { rows, resealed, unreadable };
}

/** The key ids the stored signing secrets were made with. */
export async function webhookKeyIds(): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ keyId: string }[]>`
    SELECT DISTINCT split_part(s, '.', 2) AS "keyId"
    FROM "WebhookEndpoint", unnest(ARRAY["secret", "previousSecret"]) AS s WHERE s IS NOT NULL`;
  return rows.map((row) => row.keyId);
}

/** At start and before a rotation: every key a signing secret names must be configured. */
export async function checkWebhookKeys(): Promise<void> {
  assertKeysKnown(await webhookKeyIds());
}

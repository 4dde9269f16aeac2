import "server-only";
import { db } from "@/lib/db";
import { assertKeysKnown, isUnderCurrentKey } from "@/lib/secrets";
import { resealTable, underCurrentKey, type ResealOutcome } from "@/lib/secrets/rotation";
import { secretBinding } from "./endpoints";

/**
 * Webhook signing secrets under a new key of lib/secrets, for `npm run secrets:rotate`
 * (lib/secrets/rotation.ts). Not a rotation of the signing secret itself: the integrator's
 * secret stays the same.
 */
export async function rotateWebhookSecrets(batchSize = 100): Promise<ResealOutcome> {
  const prisma = await db();
  const current = (secret: string | null) => secret === null || isUnderCurrentKey(secret);
  return resealTable({
    batchSize,
    page: (after, take) =>
      prisma.webhookEndpoint.findMany({
        where: { id: { gt: after } },
        orderBy: { id: "asc" },
        take,
        select: { id: true, secret: true, previousSecret: true },
      }),
    current: (row) => current(row.secret) && current(row.previousSecret),
    reseal: (id) =>
      prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ secret: string; previousSecret: string | null }[]>`
          SELECT "secret", "previousSecret" FROM "WebhookEndpoint" WHERE "id" = ${id} FOR UPDATE`;
        if (!locked) return 0;
        const secret = underCurrentKey(locked.secret, secretBinding(id, "secret"));
        const previous = locked.previousSecret && underCurrentKey(locked.previousSecret, secretBinding(id, "previousSecret"));
        await tx.webhookEndpoint.update({ where: { id }, data: { secret, previousSecret: previous } });
        return (secret !== locked.secret ? 1 : 0) + (previous !== locked.previousSecret ? 1 : 0);
      }),
  });
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

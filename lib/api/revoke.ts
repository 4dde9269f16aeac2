import "server-only";
import type { ApiContext } from "@/lib/api/context";
import { credentialsChanged } from "@/lib/credentials/events";
import { db } from "@/lib/db";

/** DELETE /v1/auth/token: the calling token stops working from the next request. */
export async function revokeCallingToken(ctx: ApiContext): Promise<{ revoked: true; id: string }> {
  const prisma = await db();
  await prisma.apiToken.updateMany({
    where: { id: ctx.token.id, tenantId: ctx.tenant.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await credentialsChanged(ctx.apiUser.id);
  return { revoked: true, id: ctx.token.id };
}

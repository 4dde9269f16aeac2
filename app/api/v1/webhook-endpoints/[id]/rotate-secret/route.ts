import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { rotateEndpointSecret } from "@/lib/webhooks/endpoints";
import { endpointOwner, tokenActor } from "@/lib/webhooks/api";
import { overlapMs } from "@/lib/webhooks/rules";

export const POST = apiRoute(operations.rotateWebhookEndpointSecret, async ({ request, ctx, params }) => {
  const { overlap } = await readJson(request, operations.rotateWebhookEndpointSecret.body);
  const { endpoint, secret } = await rotateEndpointSecret(endpointOwner(ctx), tokenActor(ctx), params.id, overlapMs(overlap));
  // Not cached anywhere: the secret is in this answer only.
  return ok({ ...endpoint, secret: secret as string }, { headers: { "Cache-Control": "no-store" } });
});
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/webhook-endpoints/{id}/rotate-secret");

import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/endpoints";
import { endpointOwner, tokenActor } from "@/lib/webhooks/api";

export const GET = apiRoute(operations.listWebhookEndpoints, async ({ ctx }) => ok(await listEndpoints(endpointOwner(ctx))));
export const POST = apiRoute(operations.createWebhookEndpoint, async ({ request, ctx }) => {
  const input = await readJson(request, operations.createWebhookEndpoint.body);
  const { endpoint, secret } = await createEndpoint(endpointOwner(ctx), tokenActor(ctx), { ...input, environment: ctx.token.environment });
  return ok({ ...endpoint, secret: secret as string }, { status: 201 });
});
export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/webhook-endpoints");

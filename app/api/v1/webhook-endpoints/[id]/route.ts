import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { endpointOwner, tokenActor } from "@/lib/webhooks/api";

export const GET = apiRoute(operations.getWebhookEndpoint, async ({ ctx, params }) => ok(await getEndpoint(endpointOwner(ctx), params.id)));
export const PATCH = apiRoute(operations.updateWebhookEndpoint, async ({ request, ctx, params }) =>
  ok(await updateEndpoint(endpointOwner(ctx), tokenActor(ctx), params.id, await readJson(request, operations.updateWebhookEndpoint.body))),
);
export const DELETE = apiRoute(operations.deleteWebhookEndpoint, async ({ ctx, params }) => {
  await deleteEndpoint(endpointOwner(ctx), tokenActor(ctx), params.id);
  return ok({ id: params.id, deleted: true as const });
});
export const { POST, PUT, OPTIONS } = methodsNotAllowed("/v1/webhook-endpoints/{id}");

import { ok, paginated } from "@/lib/api/envelope";
import { readJson, readQuery } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { createShipment, listShipments } from "@/lib/couriers/shipments";
import { idempotent } from "@/lib/api/idempotency";

export const POST = apiRoute(operations.createShipment, async ({ request, ctx }) =>
  idempotent(request, ctx, async (req) =>
    ok(await createShipment(ctx.scope, ctx.apiUser.id, await readJson(req, operations.createShipment.body)), { status: 201 }),
  ),
);

export const GET = apiRoute(operations.listShipments, async ({ request, ctx }) => {
  const { items, ...page } = await listShipments(ctx.scope, readQuery(request, operations.listShipments.query));
  return paginated(items, page);
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/shipments");

import { ok, paginated } from "@/lib/api/envelope";
import { readJson, readQuery } from "@/lib/api/input";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { CreateShipmentInput, ShipmentListQuery } from "@/lib/couriers/schemas";
import { createShipment, listShipments } from "@/lib/couriers/shipments";
import { idempotent } from "@/lib/api/idempotency";

export const POST = apiRoute({ permission: "shipments:create" }, async ({ request, ctx }) =>
  idempotent(request, ctx, async (req) => ok(await createShipment(ctx.scope, ctx.apiUser.id, await readJson(req, CreateShipmentInput)), { status: 201 })),
);

export const GET = apiRoute({ permission: "shipments:read" }, async ({ request, ctx }) => {
  const { items, ...page } = await listShipments(ctx.scope, readQuery(request, ShipmentListQuery));
  return paginated(items, page);
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET", "POST");

import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { createPickup } from "@/lib/couriers/pickups";
import { CreatePickupInput } from "@/lib/couriers/schemas";
import { idempotent } from "@/lib/api/idempotency";

export const POST = apiRoute({ permission: "pickups:create" }, async ({ request, ctx }) =>
  idempotent(request, ctx, async (req) => ok(await createPickup(ctx.scope, ctx.apiUser.id, await readJson(req, CreatePickupInput)), { status: 201 })),
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");

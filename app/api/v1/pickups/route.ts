import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { createPickup } from "@/lib/couriers/pickups";
import { idempotent } from "@/lib/api/idempotency";

export const POST = apiRoute(operations.createPickup, async ({ request, ctx }) =>
  idempotent(request, ctx, async (req) =>
    ok(await createPickup(ctx.scope, ctx.apiUser.id, await readJson(req, operations.createPickup.body)), { status: 201 }),
  ),
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/pickups");

import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { cancelPickup, getPickup } from "@/lib/couriers/pickups";

export const GET = apiRoute(operations.getPickup, async ({ ctx, params }) => ok(await getPickup(ctx.scope, params.id)));
export const DELETE = apiRoute(operations.cancelPickup, async ({ ctx, params }) => ok(await cancelPickup(ctx.scope, params.id)));
export const { POST, PUT, PATCH, OPTIONS } = methodsNotAllowed("/v1/pickups/{id}");

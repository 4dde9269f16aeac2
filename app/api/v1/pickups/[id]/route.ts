import { ok } from "@/lib/api/envelope";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { cancelPickup, getPickup } from "@/lib/couriers/pickups";

export const GET = apiRoute<{ id: string }>({ permission: "pickups:read" }, async ({ ctx, params }) => ok(await getPickup(ctx.scope, params.id)));
export const DELETE = apiRoute<{ id: string }>({ permission: "pickups:cancel" }, async ({ ctx, params }) => ok(await cancelPickup(ctx.scope, params.id)));
export const { POST, PUT, PATCH, OPTIONS } = methodsNotAllowed("GET", "DELETE");

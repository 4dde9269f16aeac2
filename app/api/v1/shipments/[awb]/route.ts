import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { cancelShipment, getShipment } from "@/lib/couriers/shipments";

export const GET = apiRoute(operations.getShipment, async ({ ctx, params }) => ok(await getShipment(ctx.scope, params.awb)));
export const DELETE = apiRoute(operations.cancelShipment, async ({ ctx, params }) => ok(await cancelShipment(ctx.scope, params.awb)));
export const { POST, PUT, PATCH, OPTIONS } = methodsNotAllowed("/v1/shipments/{awb}");

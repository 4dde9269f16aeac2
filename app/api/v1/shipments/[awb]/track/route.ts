import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { trackShipment } from "@/lib/couriers/shipments";

export const GET = apiRoute(operations.trackShipment, async ({ ctx, params }) => ok(await trackShipment(ctx.scope, params.awb)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/shipments/{awb}/track");

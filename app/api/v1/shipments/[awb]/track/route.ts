import { ok } from "@/lib/api/envelope";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { trackShipment } from "@/lib/couriers/shipments";

export const GET = apiRoute<{ awb: string }>({ permission: "tracking:read" }, async ({ ctx, params }) => ok(await trackShipment(ctx.scope, params.awb)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");

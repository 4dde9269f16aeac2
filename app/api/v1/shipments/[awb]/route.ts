import { ok } from "@/lib/api/envelope";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { cancelShipment, getShipment } from "@/lib/couriers/shipments";

export const GET = apiRoute<{ awb: string }>({ permission: "shipments:read" }, async ({ ctx, params }) => ok(await getShipment(ctx.scope, params.awb)));
export const DELETE = apiRoute<{ awb: string }>({ permission: "shipments:cancel" }, async ({ ctx, params }) => ok(await cancelShipment(ctx.scope, params.awb)));
export const { POST, PUT, PATCH, OPTIONS } = methodsNotAllowed("GET", "DELETE");

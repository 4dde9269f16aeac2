import { ok } from "@/lib/api/envelope";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { listServices } from "@/lib/couriers/services";

export const GET = apiRoute({ permission: "services:list" }, async ({ ctx }) => ok(await listServices(ctx.scope)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");

import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { listServices } from "@/lib/couriers/services";

export const GET = apiRoute(operations.listServices, async ({ ctx }) => ok(await listServices(ctx.scope)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/services");

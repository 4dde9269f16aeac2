import { ok } from "@/lib/api/envelope";
import { describeCaller } from "@/lib/api/me";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";

export const GET = apiRoute(operations.getMe, async ({ ctx }) => ok(await describeCaller(ctx)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/me");

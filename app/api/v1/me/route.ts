import { ok } from "@/lib/api/envelope";
import { describeCaller } from "@/lib/api/me";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";

export const GET = apiRoute({ action: "me.read" }, async ({ ctx }) => ok(await describeCaller(ctx)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");

import { ok } from "@/lib/api/envelope";
import { revokeCallingToken } from "@/lib/api/revoke";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";

export const DELETE = apiRoute({ action: "auth.token_revoked" }, async ({ ctx }) => ok(await revokeCallingToken(ctx)));
export const { GET, PUT, PATCH } = methodsNotAllowed("POST", "DELETE");

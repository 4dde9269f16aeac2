import { ok } from "@/lib/api/envelope";
import { describeCaller } from "@/lib/api/me";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";

// Who the token belongs to and what it may do: for the caller only, never for a shared cache.
export const GET = apiRoute(operations.getMe, async ({ ctx }) =>
  ok(await describeCaller(ctx), { headers: { "Cache-Control": "no-store" } }),
);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/me");

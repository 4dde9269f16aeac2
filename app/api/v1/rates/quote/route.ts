import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { quote } from "@/lib/couriers/rates";
import { idempotent } from "@/lib/api/idempotency";

export const POST = apiRoute(operations.quoteRates, async ({ request, ctx }) =>
  idempotent(request, ctx, async (req) => ok(await quote(ctx.scope, await readJson(req, operations.quoteRates.body)))),
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/rates/quote");

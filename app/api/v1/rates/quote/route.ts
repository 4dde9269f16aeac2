import { ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { quote } from "@/lib/couriers/rates";
import { QuoteInput } from "@/lib/couriers/schemas";
import { idempotent } from "@/lib/api/idempotency";

export const POST = apiRoute({ permission: "rates:quote" }, async ({ request, ctx }) =>
  idempotent(request, ctx, async (req) => ok(await quote(ctx.scope, await readJson(req, QuoteInput)))),
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");

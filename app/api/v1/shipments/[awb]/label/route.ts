import { readQuery } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { shipmentLabel } from "@/lib/couriers/labels";

export const GET = apiRoute(operations.getLabel, async ({ request, ctx, params }) => {
  const { format } = readQuery(request, operations.getLabel.query);
  const label = await shipmentLabel(ctx.scope, params.awb, format);
  return new Response(typeof label.body === "string" ? label.body : Buffer.from(label.body), {
    headers: {
      "Content-Type": label.contentType,
      "Content-Disposition": `inline; filename="${label.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/shipments/{awb}/label");

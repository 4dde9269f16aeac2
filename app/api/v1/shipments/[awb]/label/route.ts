import { readQuery } from "@/lib/api/input";
import { apiRoute, methodsNotAllowed } from "@/lib/api/route";
import { shipmentLabel } from "@/lib/couriers/labels";
import { LabelQuery } from "@/lib/couriers/schemas";

export const GET = apiRoute<{ awb: string }>({ permission: "labels:read" }, async ({ request, ctx, params }) => {
  const { format } = readQuery(request, LabelQuery);
  const label = await shipmentLabel(ctx.scope, params.awb, format);
  return new Response(typeof label.body === "string" ? label.body : Buffer.from(label.body), {
    headers: { "Content-Type": label.contentType, "Content-Disposition": `inline; filename="${label.filename}"`, "Cache-Control": "private, no-store" },
  });
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");

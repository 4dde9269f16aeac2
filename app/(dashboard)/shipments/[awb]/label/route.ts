import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/envelope";
import { routeMember } from "@/lib/auth/member";
import { staffShipmentLabel } from "@/lib/couriers/shipment-search";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/**
 * A shipment's label for staff (`?format=zpl` for thermal printers, PDF otherwise): the
 * member's own tenant only, checked here; another tenant's AWB is a 404 like a missing one.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ awb: string }> }) {
  const member = await routeMember();
  if (member instanceof AppError) return errorResponse(member);
  const { awb } = await params;
  const format = request.nextUrl.searchParams.get("format") === "zpl" ? "zpl" : "pdf";
  try {
    const label = await staffShipmentLabel(member.tenantId, awb, format);
    return new Response(typeof label.body === "string" ? label.body : Buffer.from(label.body), {
      headers: {
        "Content-Type": label.contentType,
        "Content-Disposition": `inline; filename="${label.filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}

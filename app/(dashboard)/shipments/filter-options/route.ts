import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/envelope";
import { routeMember } from "@/lib/auth/member";
import { matchApiUsers, matchCustomers } from "@/lib/couriers/shipment-search";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/**
 * The shipment filters' search-as-you-type: `?kind=apiUser|customer&q=text` → up to ten
 * of the member's tenant's API users or customers. Checks the session itself.
 */
export async function GET(request: NextRequest) {
  const member = await routeMember();
  if (member instanceof AppError) return errorResponse(member);
  const kind = request.nextUrl.searchParams.get("kind");
  const q = request.nextUrl.searchParams.get("q") ?? "";
  if (kind !== "apiUser" && kind !== "customer") {
    return errorResponse(
      new AppError("validation_failed", "kind must be apiUser or customer.", { fields: { kind: ["Must be apiUser or customer."] } }),
    );
  }
  const data = kind === "apiUser" ? await matchApiUsers(member.tenantId, q) : await matchCustomers(member.tenantId, q);
  return NextResponse.json({ ok: true, data }, { headers: { "Cache-Control": "private, no-store" } });
}

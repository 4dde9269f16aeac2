import type { NextRequest } from "next/server";
import { activityCsvStream, parseActivityQuery, resolvedActivityFilter } from "@/lib/activity/log";
import { errorResponse } from "@/lib/api/envelope";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { routeMember } from "@/lib/auth/member";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** The activity log as CSV, with the page's filters, streamed in keyset batches (lib/activity/log.ts). Checks the session itself. */
export async function GET(request: NextRequest) {
  const member = await routeMember();
  if (member instanceof AppError) return errorResponse(member);
  const query = parseActivityQuery(Object.fromEntries(request.nextUrl.searchParams));
  // The export holds what the page shows: the member's Test / Live switch applies.
  const { filter } = await resolvedActivityFilter(member.tenantId, query, await dashboardEnvironment(member));
  return new Response(activityCsvStream(filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

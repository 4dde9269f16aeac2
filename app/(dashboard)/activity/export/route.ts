import { NextResponse, type NextRequest } from "next/server";
import { recentActivity } from "@/lib/activity/events";
import { activityCsv, activityFilter, parseActivityQuery } from "@/lib/activity/log";
import { errorResponse } from "@/lib/api/envelope";
import { currentMember } from "@/lib/auth/member";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

const MAX_ROWS = 10_000;

/** The activity log as CSV, with the page's filters. Checks the session itself. */
export async function GET(request: NextRequest) {
  const member = await currentMember();
  if (!member) return errorResponse(new AppError("unauthenticated"));
  const query = parseActivityQuery(Object.fromEntries(request.nextUrl.searchParams));
  const rows = await recentActivity(activityFilter(member.tenantId, query), MAX_ROWS);
  return new NextResponse(activityCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

import type { NextRequest } from "next/server";
import { searchActivityUsers } from "@/lib/activity/users";
import { errorResponse } from "@/lib/api/envelope";
import { routeMember } from "@/lib/auth/member";
import { AppError } from "@/lib/server/errors";
import { searchText } from "@/lib/server/search-text";

export const dynamic = "force-dynamic";

const Prefix = searchText(64);

/**
 * The activity log's API-user box searches here as the member types: up to 20 of the
 * member's tenant's API users whose username starts with `q`. Checks the session itself.
 */
export async function GET(request: NextRequest) {
  const member = await routeMember();
  if (member instanceof AppError) return errorResponse(member);
  const prefix = Prefix.parse(request.nextUrl.searchParams.get("q") ?? "") ?? "";
  const users = await searchActivityUsers(member.tenantId, prefix);
  return Response.json(
    { ok: true, data: users.map((u) => ({ id: u.id, username: u.username, deleted: u.deletedAt !== null })) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

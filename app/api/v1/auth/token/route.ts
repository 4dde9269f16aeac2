import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/envelope";
import { readJson } from "@/lib/api/input";
import { login, LoginRefused } from "@/lib/api/login";
import { operations } from "@/lib/api/operations";
import { revokeCallingToken } from "@/lib/api/revoke";
import { apiRoute, methodsNotAllowed, publicRoute } from "@/lib/api/route";

export const POST = publicRoute(operations.issueToken, async ({ request, ip }) => {
  try {
    // The body holds the raw token: no cache (browser, proxy, CDN) may keep a copy.
    return ok(await login(request.headers.get("x-tenant"), await readJson(request, z.unknown()), ip), {
      status: 201,
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof LoginRefused) return errorResponse(error, { "Retry-After": String(error.retryAfter) });
    throw error;
  }
});

export const DELETE = apiRoute(operations.revokeToken, async ({ ctx }) => ok(await revokeCallingToken(ctx)));
export const { GET, PUT, PATCH, OPTIONS } = methodsNotAllowed("/v1/auth/token");

import { publicRoute, type RouteHandler } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

// Any /api/v1 path that no route file serves: a 404 envelope for every method.
const notFound: RouteHandler<{ path: string[] }> = publicRoute(async () => {
  throw new AppError(404, "not_found", "There is no such endpoint. The endpoints are listed in /v1/openapi.json.");
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;

import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { methodsNotAllowed, publicRoute } from "@/lib/api/route";

// No database, no token: a liveness probe, and the baseline route of `npm run bench`.
export const GET = publicRoute(operations.liveness, async () => ok({ status: "ok", live: true }));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/health/live");

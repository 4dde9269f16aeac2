import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { methodsNotAllowed, publicRoute } from "@/lib/api/route";

// No database, no token: the baseline route of `npm run bench`, and a liveness probe.
export const GET = publicRoute(operations.health, async () => ok({ status: "ok" }));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/health");

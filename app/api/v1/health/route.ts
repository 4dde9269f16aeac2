import { ok } from "@/lib/api/envelope";
import { methodsNotAllowed, publicRoute } from "@/lib/api/route";

// No database, no token: the baseline route of `npm run bench`, and a liveness probe.
export const GET = publicRoute(async () => ok({ status: "ok" }));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");

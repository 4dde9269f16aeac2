import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { methodsNotAllowed, publicRoute } from "@/lib/api/route";
import { readiness } from "@/lib/db";
import { AppError } from "@/lib/server/errors";

// Readiness: one query (the applied migrations) per call. 503 with Retry-After, from the
// pipeline's failure handling, while the database is away or behind this build.
export const GET = publicRoute(operations.health, async () => {
  const checks = await readiness();
  const ready = checks.database === "reachable" && checks.migrations === "applied";
  if (!ready) {
    throw new AppError("service_unavailable", "Not ready: see details.", { status: "unavailable", live: true, ready, ...checks });
  }
  return ok({ status: "ok", live: true, ready, ...checks });
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/health");

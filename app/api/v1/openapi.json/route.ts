import { operations } from "@/lib/api/operations";
import { methodsNotAllowed, publicRoute } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/openapi";

// The document itself, not the {ok, data} envelope: tools (Swagger UI, generators) read it as is.
export const GET = publicRoute(operations.openApiDocument, async () =>
  Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/openapi.json");

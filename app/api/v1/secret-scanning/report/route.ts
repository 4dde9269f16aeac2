import { processLeakReport, verifiedReport } from "@/lib/credentials/leak-reports";
import { ScannerKeys } from "@/lib/credentials/scanner-keys";
import { readBoundedText } from "@/lib/api/input";
import { operations } from "@/lib/api/operations";
import { methodsNotAllowed, publicRoute } from "@/lib/api/route";

// The keys are fetched on the first report and kept (lib/credentials/scanner-keys.ts).
const keys = new ScannerKeys();

export const POST = publicRoute(operations.reportLeakedTokens, async ({ request, ip }) => {
  const body = await readBoundedText(request);
  const report = await verifiedReport(
    keys,
    body,
    request.headers.get("github-public-key-identifier"),
    request.headers.get("github-public-key-signature"),
  );
  return Response.json(await processLeakReport(report, ip), { headers: { "Cache-Control": "no-store" } });
});
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/secret-scanning/report");

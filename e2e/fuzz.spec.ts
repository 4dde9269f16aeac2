import { expect, test } from "@playwright/test";
import { createFuzzer, type FuzzRequest, type FuzzTargets } from "./fuzz-requests";
import { auth, body, clientIds, login } from "./api-client";

// Random requests against every operation (e2e/fuzz-requests.ts): none may answer 5xx, and
// every refusal comes in the error envelope. FUZZ_REQUESTS sets how many (`npm run fuzz`
// sends 20 000); FUZZ_SEED replays a run, and a failure names its seed.

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 400);
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const SHIPMENT = {
  service: "STANDARD",
  sender: { name: "Fuzz", street1: "Lagerweg 12", city: "Hamburg", postal_code: "20539", country: "DE" },
  recipient: { name: "Fuzz", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" },
  parcels: [{ weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 }],
};

interface Failure {
  request: FuzzRequest;
  status: number;
  answer: string;
}

test("fuzzed requests never answer 5xx, and every refusal is in the envelope", async ({ browser, request, baseURL }) => {
  test.setTimeout(60_000 + REQUESTS * 100);
  test.info().annotations.push({ type: "seed", description: `FUZZ_SEED=${SEED}` });
  const ids = await clientIds(browser, baseURL ?? "", request);
  const live = await login(request, ids.tenant, "e2e-fuzz");
  const testToken = await login(request, ids.tenant, "e2e-fuzz", { environment: "test" });
  const awbs: string[] = [];
  for (const token of [live, testToken]) {
    const created = await body(await request.post("/v1/shipments", { headers: auth(token, ids.tenant), data: SHIPMENT }));
    awbs.push(created.data.awb);
  }
  const targets: FuzzTargets = {
    tokens: [live, testToken],
    clientIds: [ids.tenant, ...ids.customers.map((c) => c.client_id), ids.rival],
    awbs,
    pickupIds: [],
    webhookEndpointIds: [],
  };

  const nextRequest = createFuzzer(SEED, targets);
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  async function worker() {
    while (sent < REQUESTS && failures.length < 20) {
      sent++;
      const fuzzed = nextRequest();
      const response = await request.fetch(fuzzed.path, {
        method: fuzzed.method,
        headers: fuzzed.headers,
        data: fuzzed.body,
        maxRedirects: 0,
        failOnStatusCode: false,
      });
      const status = response.status();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const text = fuzzed.method === "HEAD" ? "" : await response.text();
      if (status >= 500 || (status >= 400 && fuzzed.method !== "HEAD" && !isEnvelope(text))) {
        failures.push({ request: redacted(fuzzed, targets.tokens), status, answer: text.slice(0, 300) });
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  test.info().annotations.push({ type: "statuses", description: JSON.stringify(Object.fromEntries([...statuses].sort())) });
  expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
  // Something got through as well as refused: a run of nothing but 4xx would prove little.
  expect(
    [...statuses.keys()].some((s) => s < 300),
    JSON.stringify([...statuses]),
  ).toBe(true);
});

function isEnvelope(text: string): boolean {
  try {
    const parsed = JSON.parse(text);
    return parsed?.ok === false && typeof parsed.error?.code === "string" && typeof parsed.error?.message === "string";
  } catch {
    return false;
  }
}

/** The report names a token by its place in the list, never by its value. */
function redacted(request: FuzzRequest, tokens: string[]): FuzzRequest {
  const hide = (value: string) => tokens.reduce((text, token, i) => text.split(token).join(`<token ${i}>`), value);
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, hide(v)])) };
}

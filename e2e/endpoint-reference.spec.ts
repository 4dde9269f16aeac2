import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { OPERATIONS, errorCodes, type ApiOperation } from "@/lib/api/operations";
import { exampleRequest, IDEMPOTENCY_KEY_PLACEHOLDER, TOKEN_PLACEHOLDER } from "@/lib/api/openapi";
import { ERRORS } from "@/lib/server/errors";
import { clientIds, login, outcome } from "./api-client";
import { signIn } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

// Issue 16, item 7: the Endpoint reference's examples work whenever they are run. Each one
// is sent as the page prints it (lib/api/openapi.ts exampleRequest: method, URL, headers,
// body), with a real token of an API user holding every permission. The token is a test
// token, so the shipment and pickup the examples book stay out of live data.

const name = (op: ApiOperation) => `${op.method} ${op.path}`;

/**
 * What an example may answer besides success: a documented error that is not about the
 * request's shape. The examples name placeholder objects (an AWB, a pickup id) that this
 * tenant does not have (404) and a user that does not exist (401); a body or query the
 * server refuses (400, 422) is a broken example.
 */
function acceptable(op: ApiOperation, status: number, code: string | undefined) {
  if (status < 400) return true;
  if (status === 400 || status === 422 || status >= 500 || !code) return false;
  return (errorCodes(op) as readonly string[]).includes(code) && ERRORS[code as keyof typeof ERRORS].status === status;
}

test("every example of the Endpoint reference answers as documented, and the bookings succeed", async ({ browser, request, baseURL }) => {
  const origin = baseURL ?? "";
  const tenant = (await clientIds(browser, origin, request)).tenant;
  const token = await login(request, tenant, "e2e-reference", { environment: "test" });
  // Revoking the token itself goes last.
  const ordered = [...OPERATIONS].sort(
    (a, b) => Number(a.path === "/v1/auth/token" && a.method === "DELETE") - Number(b.path === "/v1/auth/token" && b.method === "DELETE"),
  );
  const answers: string[] = [];
  for (const op of ordered) {
    const example = exampleRequest(op, tenant, origin, new Date());
    const headers = Object.fromEntries(
      example.headers.map(([header, value]) => [
        header,
        value.replace(TOKEN_PLACEHOLDER, token).replace(IDEMPOTENCY_KEY_PLACEHOLDER, randomUUID()),
      ]),
    );
    const response = await request.fetch(example.url, { method: example.method, headers, data: example.body });
    const [status, code] = await outcome(response);
    answers.push(`${name(op)} → ${status}${code ? ` ${code}` : ""}`);
    // No public host name resolves on a machine without the internet: a webhook URL is refused for that alone.
    const offline = status === 422 && (await response.text()).includes("does not resolve");
    expect.soft(acceptable(op, status, code) || offline, `${name(op)} answered ${status} ${code ?? ""}`).toBe(true);
  }
  // The examples that book something really book it (the pickup's window lies ahead).
  expect(answers).toEqual(
    expect.arrayContaining([
      "POST /v1/pickups → 201",
      "POST /v1/shipments → 201",
      "POST /v1/rates/quote → 200",
      "DELETE /v1/auth/token → 200",
    ]),
  );
});

test("every code block of the reference has a Copy button; the pickup's curl is several lines with a window ahead", async ({ page }) => {
  await signIn(page, "DEVELOPER");
  await page.goto("/developers");
  const pickup = page.getByRole("article", { name: "/v1/pickups", exact: true });
  const blocks = page.getByRole("figure");
  await expect(pickup).toBeVisible();
  expect(await blocks.count()).toBeGreaterThan(OPERATIONS.length);
  for (const block of await blocks.all()) await expect(block.getByRole("button", { name: "Copy" })).toBeVisible();

  const curl = pickup.getByRole("figure", { name: "Example request (curl)" });
  await curl.getByRole("button", { name: "Copy" }).click();
  await expect(curl.getByRole("button", { name: "Copied!" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await curl.locator("pre").innerText());
  expect(copied).toMatch(/^curl -X POST "http.*\/v1\/pickups" \\\n/);
  expect(copied).toContain(`-d '{\n    "address": {`);
  const readyAt = /"ready_at": "([^"]+)"/.exec(copied)?.[1] ?? "";
  expect(Date.parse(readyAt)).toBeGreaterThan(Date.now());

  const body = pickup.getByRole("figure", { name: "Request body" });
  await body.getByRole("button", { name: "Copy" }).click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ parcel_count: 3 });
});

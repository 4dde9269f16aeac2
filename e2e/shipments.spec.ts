import { expect, test, type Page } from "@playwright/test";
import { activityWritten, auth, body, clientIds, login, type ClientIds } from "./api-client";
import { DEMO_TENANT, RIVAL_TENANT, signIn } from "./helpers";

// Shipments and usage in the dashboard (issue 10, part B), as staff use them: an integrator
// books shipments over real HTTP with its own token, and an admin finds them on the
// tenant's Shipments page and on the API user's Shipments tab, filters them, opens one,
// downloads its label, and reads the user's usage chart.

const ADDRESS = { name: "Jane Doe", street1: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "DE" };
const SENDER = { name: "Dispatch", street1: "Lagerweg 12", city: "Hamburg", postal_code: "20539", country: "DE" };
const PARCEL = { weight_grams: 1200, length_cm: 30, width_cm: 20, height_cm: 10 };
const shipment = (reference: string) => ({ service: "STANDARD", reference, sender: SENDER, recipient: ADDRESS, parcels: [PARCEL] });

// beforeAll runs again in a new worker after a failure: each run's references are its own.
const RUN = `E2E${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
const ref = (name: string) => `SHIP-${RUN}-${name}`;

let ids: ClientIds;
const awbs: Record<string, string> = {};

test.beforeAll(async ({ browser, request, baseURL }) => {
  ids = await clientIds(browser, baseURL ?? "", request);
  const customerA = ids.customers.find((c) => c.name === DEMO_TENANT.customers[0])?.client_id ?? "";
  const live = await login(request, ids.tenant, "e2e-shipments-wide");
  const test = await login(request, ids.tenant, "e2e-shipments-wide", { environment: "test" });
  const book = async (headers: Record<string, string>, reference: string) => {
    const response = await request.post("/v1/shipments", { headers, data: shipment(reference) });
    expect(response.status(), await response.text()).toBe(201);
    awbs[reference] = (await body(response)).data.awb;
  };
  await book(auth(live, ids.tenant), ref("1"));
  // A tenant-wide user naming customer A's Client ID books for customer A.
  await book(auth(live, customerA), ref("2"));
  await book(auth(live, ids.tenant), ref("3"));
  await book(auth(test, ids.tenant), ref("TEST"));
  const cancel = await request.delete(`/v1/shipments/${awbs[ref("3")]}`, { headers: auth(live, ids.tenant) });
  expect(cancel.status()).toBe(200);
});

function references(page: Page, table: string) {
  return page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: RUN });
}

/** The API user's id, found as staff find it: by the API user filter's search-as-you-type. */
async function filterByApiUser(page: Page, username: string): Promise<string> {
  const field = page.getByRole("combobox", { name: "API user" });
  await field.fill(username.slice(0, -2));
  await page.getByRole("option", { name: new RegExp(`^${username}`) }).click();
  await expect(field).toHaveValue(username);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/apiUser=/);
  return new URL(page.url()).searchParams.get("apiUser") ?? "";
}

// The filter form's own fields (the header has a Test / Live "Environment" switch too).
const filters = (page: Page) => page.getByRole("form", { name: "Filter shipments" });

test("admin finds an API user's shipments on the tenant's Shipments page and filters them", async ({ page }) => {
  await signIn(page, "ADMIN");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shipments" }).click();
  await expect(page.getByRole("heading", { name: "Shipments", level: 1 })).toBeVisible();

  await filterByApiUser(page, "e2e-shipments-wide");
  // Live by default, newest first; the test shipment is not among them.
  await expect(references(page, "Shipments")).toHaveText([new RegExp(ref("3")), new RegExp(ref("2")), new RegExp(ref("1"))]);
  await expect(references(page, "Shipments").first()).toContainText("Cancelled");
  await expect(references(page, "Shipments").nth(1)).toContainText(DEMO_TENANT.customers[0]!);

  await filters(page).getByLabel("Environment").selectOption("test");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(references(page, "Shipments")).toHaveText([new RegExp(ref("TEST"))]);

  await filters(page).getByLabel("Environment").selectOption("live");
  await page.getByLabel("Status").selectOption("created");
  const customer = page.getByRole("combobox", { name: "Customer" });
  await customer.fill(DEMO_TENANT.customers[0]!.slice(0, 5));
  await page.getByRole("option", { name: new RegExp(DEMO_TENANT.customers[0]!) }).click();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/customer=/);
  await expect(references(page, "Shipments")).toHaveText([new RegExp(ref("2"))]);
});

test("admin reads a shipment's tracking and downloads its label as a PDF", async ({ page, browser, baseURL }) => {
  await signIn(page, "ADMIN");
  await page.goto("/shipments");
  await filterByApiUser(page, "e2e-shipments-wide");
  const awb = awbs[ref("1")] ?? "";
  await page.getByRole("link", { name: awb, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Shipment ${awb}` })).toBeVisible();
  const tracking = page.getByRole("region", { name: "Tracking" });
  await expect(tracking).toContainText("Shipment data received");
  await expect(page.getByRole("region", { name: "Addresses" })).toContainText("Lagerweg 12");
  await expect(page.getByRole("region", { name: "Parcels (1)" })).toContainText("30 × 20 × 10 cm");

  const href = (await page.getByRole("link", { name: "Download label (PDF)" }).getAttribute("href")) ?? "";
  // Same session as the page: the route handler checks it.
  const label = await page.request.get(href);
  expect(label.status()).toBe(200);
  expect(label.headers()["content-type"]).toBe("application/pdf");
  expect((await label.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const zpl = await page.request.get(`${href}?format=zpl`);
  expect(await zpl.text()).toContain(`^FD${awb}^FS`);

  // Signed out: no label.
  const anonymous = await browser.newContext({ baseURL });
  expect((await anonymous.request.get(href)).status()).toBe(401);
  await anonymous.close();
});

test("the API user's Shipments tab shows what it created, by environment and status", async ({ page }) => {
  await signIn(page, "ADMIN");
  await page.goto("/shipments");
  const id = await filterByApiUser(page, "e2e-shipments-wide");

  await page.goto(`/api-users/${id}/shipments`);
  await expect(page.getByRole("heading", { name: "Shipments by e2e-shipments-wide" })).toBeVisible();
  const table = "Shipments by e2e-shipments-wide";
  await expect(references(page, table)).toHaveText([new RegExp(ref("3")), new RegExp(ref("2")), new RegExp(ref("1"))]);
  await page.getByLabel("Status").selectOption("cancelled");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(references(page, table)).toHaveText([new RegExp(ref("3"))]);
  await expect(references(page, table).first()).toContainText("No label");

  await page.goto(`/api-users/${id}/shipments?environment=test`);
  await expect(references(page, table)).toHaveText([new RegExp(ref("TEST"))]);
});

test("another tenant's admin gets not-found for these shipments, their label and the user's tabs", async ({ page }) => {
  await signIn(page, "ADMIN");
  await page.goto("/shipments");
  const id = await filterByApiUser(page, "e2e-shipments-wide");
  await page.context().clearCookies();

  await signIn(page, "ADMIN", RIVAL_TENANT);
  const awb = awbs[ref("1")] ?? "";
  expect((await page.goto(`/shipments/${awb}`))?.status()).toBe(404);
  expect((await page.request.get(`/shipments/${awb}/label`)).status()).toBe(404);
  expect((await page.goto(`/api-users/${id}/shipments`))?.status()).toBe(404);
  expect((await page.goto(`/api-users/${id}/usage`))?.status()).toBe(404);
  // Their filter finds nothing of ours, even by our user's id.
  await page.goto(`/shipments?apiUser=${id}`);
  await expect(page.getByText("No shipments match.")).toBeVisible();
  const options = await body(await page.request.get("/shipments/filter-options?kind=apiUser&q=e2e-shipments"));
  expect(options.data).toEqual([]);
});

test("the Usage tab counts the user's calls by outcome: successes, client errors and rate-limited", async ({ page, request }) => {
  // e2e-shipments-usage may make 3 calls a minute. Its sign-in (201) is a success too.
  const token = await login(request, ids.tenant, "e2e-shipments-usage");
  const headers = auth(token, ids.tenant);
  const statuses: number[] = [];
  for (const path of ["/v1/services", "/v1/services", "/v1/shipments/NOT-AN-AWB", "/v1/services", "/v1/services"]) {
    statuses.push((await request.get(path, { headers })).status());
  }
  expect(statuses).toEqual([200, 200, 404, 429, 429]);
  // Written once a witness (another user) sees its own read logged.
  await activityWritten(request, auth(await login(request, ids.tenant, "e2e-shipments-wide"), ids.tenant));

  await signIn(page, "ADMIN");
  await page.goto("/shipments");
  await page.getByRole("combobox", { name: "API user" }).fill("e2e-shipments-us");
  await page.getByRole("option", { name: /^e2e-shipments-usage/ }).click();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/apiUser=/);
  const id = new URL(page.url()).searchParams.get("apiUser");

  await page.goto(`/api-users/${id}/usage`);
  const lastDay = page.getByRole("definition").filter({ hasText: /^\d+$/ });
  await expect(lastDay).toHaveText(["3", "1", "2", "0"]);
  await expect(page.getByRole("img", { name: /^Last 24 hours, by hour: 6 requests: 3 successes/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Last 30 days, by day: 6 requests:/ })).toBeVisible();
  const today = new Date().toISOString().slice(0, 10);
  await page.getByText("Show as table").nth(1).click();
  await expect(page.getByRole("table", { name: "Last 30 days, by day (table)" }).getByRole("row", { name: today })).toHaveText(
    new RegExp(`${today}\\s*3\\s*1\\s*2\\s*0`),
  );

  // Test tokens made none of these calls.
  await page.getByRole("link", { name: "Test", exact: true }).click();
  await expect(lastDay).toHaveText(["0", "0", "0", "0"]);
});

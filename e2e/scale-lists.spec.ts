import { expect, test } from "@playwright/test";
import { DEMO_TENANT, RIVAL_TENANT } from "../prisma/seed/demo-accounts";
import { signIn } from "./helpers";

// Issue 18: lists that page and search on the server, and a filter that searches as you type.

test("Customers searches by name, within the tenant only", async ({ page }) => {
  await signIn(page, "READ_ONLY");
  await page.goto("/customers");
  const rows = page.getByRole("table").getByRole("row");
  for (const name of DEMO_TENANT.customers) await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await page.getByLabel("Name or Client ID").fill("harbor");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=harbor/);
  await expect(rows.filter({ hasText: "Blue Harbor Books" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Northwind Outfitters" })).toHaveCount(0);
  await page.getByLabel("Name or Client ID").fill(RIVAL_TENANT.customers[0] ?? "Rival");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No customer matches.")).toBeVisible();
});

test("the activity log's API-user box suggests usernames as you type, of this tenant only", async ({ page }) => {
  await signIn(page, "DEVELOPER");
  await page.goto("/activity");
  await page.getByLabel("API user").fill("e2e-ten");
  await expect(page.locator('#activity-user-matches option[value="e2e-tenant"]')).toHaveCount(1);
  // Only what starts with what was typed, never the whole list.
  const values = await page
    .locator("#activity-user-matches option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(values.every((value) => value.toLowerCase().startsWith("e2e-ten"))).toBe(true);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/apiUser=e2e-ten/);
  // The endpoint behind it answers a signed-in member only.
  await page.context().clearCookies();
  expect((await page.request.get("/activity/api-users?q=e2e")).status()).toBe(401);
});

import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Issue 16, item 5: one form per rate table, saved at once, errors beside each field.
// The demo tenant's SAMEDAY prices are changed and put back (the API specs quote the others).

const TABLE = "Standard tariff 2026";
const first = `SAMEDAY in ${TABLE} up to 5 kg`;
const second = `SAMEDAY in ${TABLE} up to 20 kg`;

const prices = (page: Page) => page.getByRole("form", { name: `Prices of ${TABLE}` });

test("a rate table is one form; a bad amount keeps what was typed beside its error and nothing is saved", async ({ page }) => {
  await signIn(page, "OWNER");
  await page.goto("/services");
  // One Save button per rate table, not one per price.
  await expect(page.getByRole("button", { name: /^Save .* prices$/ })).toHaveCount(2);
  const form = prices(page);
  const bad = form.getByLabel(first);
  await expect(bad).toHaveValue("24.90");

  await bad.fill("24,9x");
  await form.getByLabel(second).fill("36.00");
  await form.getByRole("button", { name: `Save ${TABLE} prices` }).click();
  await expect(form.getByRole("status")).toContainText("Nothing was saved");
  // What was typed stays, the bad one marked and described by its error; the good one too.
  await expect(bad).toHaveValue("24,9x");
  await expect(bad).toHaveAttribute("aria-invalid", "true");
  await expect(bad).toHaveAccessibleDescription("An amount such as 5.90 (up to 100,000.00).");
  await expect(form.getByLabel(second)).toHaveValue("36.00");
  await expect(form.getByLabel(second)).not.toHaveAttribute("aria-invalid");
  await page.reload();
  await expect(prices(page).getByLabel(first)).toHaveValue("24.90");
  await expect(prices(page).getByLabel(second)).toHaveValue("34.90");
});

test("saving a rate table writes every changed price at once, as one activity event", async ({ page }) => {
  await signIn(page, "OWNER");
  await page.goto("/services");
  const form = prices(page);
  await form.getByLabel(first).fill("25.50");
  await form.getByLabel(second).fill("35,5");
  await form.getByLabel(`SAMEDAY in ${TABLE} per extra kg`).fill("2.00"); // unchanged
  await form.getByRole("button", { name: `Save ${TABLE} prices` }).click();
  await expect(page.getByText(`${TABLE}: 2 prices saved`)).toBeVisible();
  await page.reload();
  await expect(prices(page).getByLabel(first)).toHaveValue("25.50");
  await expect(prices(page).getByLabel(second)).toHaveValue("35.50");

  await page.goto("/activity?action=rate_table.");
  const row = page.getByRole("table", { name: "Activity log" }).getByRole("row").filter({ hasText: "rate_table.price_update" }).first();
  await expect(row).toContainText("24.90 → 25.50");
  await expect(row).toContainText("34.90 → 35.50");

  // Put the tariff back.
  await page.goto("/services");
  await prices(page).getByLabel(first).fill("24.90");
  await prices(page).getByLabel(second).fill("34.90");
  await prices(page)
    .getByRole("button", { name: `Save ${TABLE} prices` })
    .click();
  await expect(page.getByText(`${TABLE}: 2 prices saved`)).toBeVisible();
});

test("read-only members see the prices and no form", async ({ page }) => {
  await signIn(page, "READ_ONLY");
  await page.goto("/services");
  await expect(page.getByRole("form", { name: `Prices of ${TABLE}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Save .* prices$/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: TABLE })).toContainText("24.90");
});

test("switching a service says what it did", async ({ page }) => {
  await signIn(page, "ADMIN");
  await page.goto("/services");
  await page.getByRole("button", { name: "Activate Same Day City" }).click();
  await expect(page.getByText("Same Day City activated")).toBeVisible();
  await page.getByRole("button", { name: "Deactivate Same Day City" }).click();
  await expect(page.getByText("Same Day City deactivated")).toBeVisible();
  await expect(page.getByRole("button", { name: "Activate Same Day City" })).toBeVisible();
});

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { RIVAL_TENANT } from "@/prisma/seed/demo-accounts";
import { signIn } from "./helpers";

// Issue 16, item 8: owners and admins add a customer (with a new Client ID), rename it and
// link its rate table from its page. In the rival tenant, which the other specs only read
// as "not yours", so the demo tenant's customer list stays as they expect it.

test("an admin adds a customer, renames it, and links its rate table from its page", async ({ page }) => {
  const name = `Corner Bakery ${randomBytes(3).toString("hex")}`;
  await signIn(page, "ADMIN", RIVAL_TENANT);
  await page.goto("/customers");
  await page.getByRole("button", { name: "Add customer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a customer" });
  // A taken name is an error by the field, and what was typed stays.
  await dialog.getByLabel("Name").fill(RIVAL_TENANT.customers[0] ?? "");
  await dialog.getByRole("button", { name: "Add customer" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(`A customer named "${RIVAL_TENANT.customers[0]}" already exists.`);
  await expect(dialog.getByLabel("Name")).toHaveValue(RIVAL_TENANT.customers[0] ?? "");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Add customer" }).click();

  // Its page, with a new Client ID.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`${name} added`)).toBeVisible();
  await expect(page.getByRole("region", { name: "API Access" }).getByTestId("client-id")).toHaveText(/^CC-[0-9A-Z]{8}$/);

  await page.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: `Rename ${name}` });
  await expect(rename.getByLabel("Name")).toHaveValue(name);
  await rename.getByLabel("Name").fill("");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(rename.getByLabel("Name")).toHaveAccessibleDescription("Enter the customer's name.");
  await rename.getByLabel("Name").fill(`${name} & Co`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} & Co` })).toBeVisible();

  // The rival tenant has no rate table of its own: only the default is offered.
  await expect(page.getByLabel(`Rate table of ${name} & Co`, { exact: true })).toHaveValue("");

  await page.goto(`/customers?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name: `${name} & Co` })).toBeVisible();
});

test("developers and read-only members see no way to add or rename", async ({ page }) => {
  for (const role of ["DEVELOPER", "READ_ONLY"] as const) {
    await page.context().clearCookies();
    await signIn(page, role);
    await page.goto("/customers");
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add customer" })).toHaveCount(0);
    await page.getByRole("link", { name: "Northwind Outfitters" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Northwind Outfitters" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Rate table" })).toContainText("Contract tariff (key accounts)");
  }
});

test("an owner links a demo customer's rate table from its page and back", async ({ page }) => {
  await signIn(page, "OWNER");
  await page.goto("/customers");
  await page.getByRole("link", { name: "Atlas Home Goods" }).click();
  const select = page.getByLabel("Rate table of Atlas Home Goods", { exact: true });
  await expect(select).toHaveValue("");
  await select.selectOption({ label: "Contract tariff (key accounts)" });
  await page.getByRole("button", { name: "Save rate table of Atlas Home Goods" }).click();
  await expect(page.getByText("Rate table of Atlas Home Goods saved")).toBeVisible();
  await expect(page.getByText("Rate table: Contract tariff (key accounts)")).toBeVisible();
  await select.selectOption({ label: "Tenant default" });
  await page.getByRole("button", { name: "Save rate table of Atlas Home Goods" }).click();
  await expect(page.getByText("Rate table: tenant default")).toBeVisible();
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("Customers, a customer, Services & Pricing and the Endpoint reference scroll no page sideways", async ({ page }) => {
    await signIn(page, "OWNER");
    for (const path of ["/customers", "/services", "/developers"]) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await page.goto("/customers");
    await page.getByRole("link", { name: "Northwind Outfitters" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Northwind Outfitters" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

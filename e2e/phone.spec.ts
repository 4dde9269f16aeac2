import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Issue 16, item 1: every dashboard page and its main dialogs at 390 px, with no page that
// scrolls sideways (a wide table scrolls inside its own box) and a menu for the navigation.
const PHONE = { width: 390, height: 844 };

async function noSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${where} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

async function visit(page: Page, path: string, heading?: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, ...(heading && { name: heading }) })).toBeVisible();
  await noSidewaysScroll(page, path);
}

/** A dialog fits the screen: no sideways scroll, and its box inside the viewport. */
async function dialogFits(page: Page, name: string) {
  const dialog = page.getByRole("dialog", { name });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, `dialog ${name} is wider than the screen`).toBe(true);
  await noSidewaysScroll(page, `dialog ${name}`);
  return dialog;
}

test.describe("at 390 px", () => {
  // Each test walks many pages; a shared machine makes that slow, not wrong.
  test.describe.configure({ timeout: 120_000 });
  test.beforeEach(async ({ page }) => {
    await signIn(page, "OWNER");
    await page.setViewportSize(PHONE);
  });

  test("the navigation folds into a menu button that Escape closes", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    // A link followed folds the menu again.
    await menu.click();
    await nav.getByRole("link", { name: "Customers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });

  test("every page fits the screen", async ({ page }) => {
    for (const [path, heading] of [
      ["/", undefined],
      ["/customers", "Customers"],
      ["/shipments", "Shipments"],
      ["/settings/api", undefined],
      ["/activity", "Activity log"],
      ["/services", undefined],
      ["/developers", "Endpoint reference"],
    ] as const) {
      await visit(page, path, heading);
    }

    await page.goto("/customers");
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await noSidewaysScroll(page, "a customer's page");

    await page.goto("/shipments");
    const shipment = page.getByRole("table", { name: "Shipments" }).getByRole("link").first();
    if (await shipment.count()) {
      await shipment.click();
      await expect(page.getByRole("heading", { level: 1, name: /^Shipment / })).toBeVisible();
      await noSidewaysScroll(page, "a shipment's page");
    }

    await page.goto("/settings/api?q=e2e-carrier-auths");
    await page.getByRole("table", { name: "API users" }).getByRole("link", { name: "e2e-carrier-auths", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "e2e-carrier-auths" })).toBeVisible();
    const userUrl = new URL(page.url()).pathname;
    for (const tab of ["", "/tokens", "/shipments", "/activity", "/usage", "/carrier-auths"]) {
      await visit(page, `${userUrl}${tab}`, "e2e-carrier-auths");
    }
  });

  test("the main dialogs fit the screen", async ({ page }) => {
    await page.goto("/settings/api");
    await page.getByRole("button", { name: "New API User / Client" }).click();
    let dialog = await dialogFits(page, "New API user");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.goto("/settings/api?q=e2e-carrier-auths");
    await page.getByRole("table", { name: "API users" }).getByRole("link", { name: "e2e-carrier-auths", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "e2e-carrier-auths" })).toBeVisible();
    const userUrl = new URL(page.url()).pathname;

    await page.getByRole("button", { name: "Edit permissions" }).click();
    dialog = await dialogFits(page, "Permissions of e2e-carrier-auths");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.goto(`${userUrl}/tokens`);
    await page.getByRole("button", { name: "Generate token" }).click();
    dialog = await dialogFits(page, "New token for e2e-carrier-auths");
    await dialog.getByRole("button", { name: "Generate" }).click();
    const reveal = await dialogFits(page, "Your new API token");
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    await page.goto(`${userUrl}/carrier-auths`);
    await page.getByRole("button", { name: "Add carrier auth" }).click();
    dialog = await dialogFits(page, "Register a carrier auth");
    await dialog.getByLabel("Courier").selectOption({ label: "DHL Express" });
    await noSidewaysScroll(page, "the carrier auth form with its fields");
  });
});

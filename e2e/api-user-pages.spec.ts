import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_TENANT, signIn, submitWithSudo } from "./helpers";

// Issue 10 by a staff member's goals: find an API user among many, open its page, manage
// its tokens (named, renamed, disabled, enabled) while an integration calls the API over
// real HTTP, and switch the dashboard between Live and Test.

const CUSTOMER = DEMO_TENANT.customers[1] ?? "";
let counter = 0;
function uniqueName(base: string) {
  counter += 1;
  return `${base}-${Date.now().toString(36)}${counter}`;
}

function hintOf(token: string) {
  return `${token.slice(0, 8)}…${token.slice(-4)}`;
}

function userList(page: Page): Locator {
  return page.getByRole("table", { name: "API users" });
}

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: "Search" }).fill(text);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=/);
}

async function takeToken(page: Page): Promise<string> {
  const reveal = page.getByRole("dialog", { name: "Your new API token" });
  const token = await reveal.getByLabel("API token").inputValue();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return token;
}

async function createUser(page: Page, username: string, tokenName: string) {
  await page.getByRole("button", { name: "New API User / Client" }).click();
  const dialog = page.getByRole("dialog", { name: "New API user" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Password").fill("integration-pw");
  await dialog.getByRole("checkbox", { name: "services:list" }).check();
  await dialog.getByLabel("Name of the first token").fill(tokenName);
  await dialog.getByRole("button", { name: "Create" }).click();
  return takeToken(page);
}

async function openUser(page: Page, username: string) {
  await search(page, username);
  await userList(page).getByRole("link", { name: username, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
}

async function openTab(page: Page, tab: string) {
  const tabs = page.getByRole("navigation", { name: "API user" });
  await tabs.getByRole("link", { name: tab, exact: true }).click();
  await expect(tabs.getByRole("link", { name: tab, exact: true })).toHaveAttribute("aria-current", "page");
}

async function act(page: Page, within: Locator, trigger: string, submit: string, fill?: (dialog: Locator) => Promise<void>) {
  await within.getByRole("button", { name: trigger, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await fill?.(dialog);
  await submitWithSudo(dialog, submit);
}

async function callMe(page: Page, token: string, clientId: string): Promise<[number, string | undefined]> {
  const response = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}`, "X-Tenant": clientId } });
  const body = await response.json();
  return [response.status(), body.ok ? undefined : body.error.code];
}

async function setMode(page: Page, mode: "Live" | "Test") {
  const button = page.getByRole("group", { name: "Environment" }).getByRole("button", { name: mode });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
}

test.describe("API user pages", () => {
  test("finds one user among many by search and opens its page from the list and from the activity log", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "ADMIN");
    await page.goto("/settings/api");
    // More tenant-wide users than one page (25) holds: the e2e fixtures' and, if need be, a few more.
    const count = async () => Number((await page.getByText(/^\d+ API users$/).textContent())?.split(" ")[0]);
    while ((await count()) <= 25) {
      const before = await count();
      await createUser(page, uniqueName("many"), "bulk");
      await expect.poll(count).toBe(before + 1);
    }
    const list = userList(page);
    await expect(list.getByRole("row")).toHaveCount(26);
    const firstPage = await list.getByRole("link").allTextContents();
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/after=/);
    const secondPage = await list.getByRole("link").allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);
    await page.getByRole("link", { name: "First page" }).click();

    // Sorted by name, filtered by status, searched by part of the name.
    await page.getByLabel("Sort by").selectOption("name");
    await page.getByLabel("Status").selectOption("inactive");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(list.getByRole("link", { name: "e2e-inactive", exact: true })).toBeVisible();
    await expect(list.getByRole("row").filter({ hasText: /^(?!.*Inactive).*Active/ })).toHaveCount(0);
    await page.getByLabel("Status").selectOption("all");
    await search(page, "ONLY-LABELS");
    await expect(list.getByRole("link")).toHaveText(["e2e-only-labels-read"]);
    await search(page, "<b>%_'");
    await expect(page.getByText("No API user matches.")).toBeVisible();

    await search(page, "e2e-only-labels-read");
    await list.getByRole("link", { name: "e2e-only-labels-read" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "e2e-only-labels-read" })).toBeVisible();
    await expect(page.getByText("Tenant-wide").first()).toBeVisible();

    // A username in the activity log opens that user's page.
    await page.goto("/activity");
    const link = page.getByRole("table", { name: "Activity log" }).getByRole("link").first();
    const name = (await link.textContent()) ?? "";
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });

  test("names, renames, disables and enables a token while the API refuses and then takes the same string", async ({ page }) => {
    await signIn(page, "DEVELOPER");
    await page.goto("/customers");
    await page.getByRole("link", { name: CUSTOMER }).click();
    const clientId = (await page.getByTestId("client-id").first().textContent())?.trim() ?? "";
    const username = uniqueName("dock");
    const token = await createUser(page, username, "warehouse");
    await openUser(page, username);
    await openTab(page, "Keys & tokens");
    const tokens = page.getByRole("table", { name: `Live tokens of ${username}` });
    const row = tokens.getByRole("row").filter({ hasText: hintOf(token) });
    await expect(row).toContainText("warehouse");
    expect(await callMe(page, token, clientId)).toEqual([200, undefined]);

    await act(page, row, "Rename", "Save name", (d) => d.getByLabel("Token name").fill("warehouse <north>"));
    await expect(row).toContainText("warehouse <north>");

    await act(page, row, "Disable", "Disable token");
    await expect(row).toContainText("Disabled");
    expect(await callMe(page, token, clientId)).toEqual([403, "token_disabled"]);

    await act(page, row, "Enable", "Enable token");
    await expect(row).toContainText("Active");
    expect(await callMe(page, token, clientId)).toEqual([200, undefined]);

    await openTab(page, "Activity");
    const activity = page.getByRole("table", { name: `Activity of ${username}` });
    for (const action of ["token.rename", "token.disable", "token.enable", "token.issue", "api_user.create"]) {
      await expect(activity.getByRole("row").filter({ hasText: action }).first()).toBeVisible();
    }
    expect(await page.content()).not.toContain(token);
  });

  test("switches to Test and sees only test tokens and test activity; a token made there is a test token", async ({ page }) => {
    await signIn(page, "ADMIN");
    await page.goto("/settings/api");
    const clientId = (await page.getByTestId("client-id").first().textContent())?.trim() ?? "";
    const username = uniqueName("modes");
    const live = await createUser(page, username, "live-one");
    expect(live.startsWith("cc_live_")).toBe(true);
    await openUser(page, username);
    await openTab(page, "Keys & tokens");
    await expect(page.getByText("Test mode:")).toHaveCount(0);
    try {
      await setMode(page, "Test");
      await expect(page.getByRole("status").filter({ hasText: "Test mode" })).toBeVisible();
      const testTokens = page.getByRole("table", { name: `Test tokens of ${username}` });
      await expect(testTokens.getByText("No tokens in use.")).toBeVisible();
      await expect(page.getByText(hintOf(live))).toHaveCount(0);

      await page.getByRole("button", { name: "Generate token" }).click();
      const dialog = page.getByRole("dialog", { name: `New token for ${username}` });
      await expect(dialog.getByRole("radio", { name: "Test" })).toBeChecked();
      await dialog.getByLabel("Token name").fill("sandbox");
      await dialog.getByRole("button", { name: "Generate", exact: true }).click();
      const test = await takeToken(page);
      expect(test.startsWith("cc_test_")).toBe(true);
      await expect(testTokens.getByRole("row").filter({ hasText: hintOf(test) })).toContainText("sandbox");
      expect(await callMe(page, test, clientId)).toEqual([200, undefined]);

      await openTab(page, "Activity");
      const activity = page.getByRole("table", { name: `Activity of ${username}` });
      await expect(activity.getByRole("row").filter({ hasText: "token.issue" })).toHaveCount(1);
      await expect(activity.getByRole("row").filter({ hasText: "sandbox" })).toHaveCount(1);
      await expect(activity.getByRole("row").filter({ hasText: "api_user.create" })).toHaveCount(0);

      await setMode(page, "Live");
      await expect(page.getByRole("status").filter({ hasText: "Test mode" })).toHaveCount(0);
      await expect(activity.getByRole("row").filter({ hasText: "api_user.create" })).toHaveCount(1);
      await expect(activity.getByRole("row").filter({ hasText: "sandbox" })).toHaveCount(0);
      await openTab(page, "Keys & tokens");
      await expect(page.getByText(hintOf(live))).toBeVisible();
      await expect(page.getByText(hintOf(test))).toHaveCount(0);
      // The API still takes the environment from the token alone.
      expect(await callMe(page, test, clientId)).toEqual([200, undefined]);
    } finally {
      await setMode(page, "Live");
    }
  });
});

import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Issue 16, items 2, 4 and 6: an action says what it did, a token never copied is not lost
// to a stray Escape, and the activity reads as times, names and before → after.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function startCreate(page: Page, username: string) {
  await page.goto("/settings/api");
  await page.getByRole("button", { name: "New API User / Client" }).click();
  const dialog = page.getByRole("dialog", { name: "New API user" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Password").fill("integration-pw");
  await dialog.getByRole("checkbox", { name: "Read shipments" }).check();
  await dialog.getByRole("checkbox", { name: "Track shipments" }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  return page.getByRole("dialog", { name: "Your new API token" });
}

test("the shown-once token asks before Escape or a click outside closes it uncopied", async ({ page }) => {
  await signIn(page, "ADMIN");
  const username = uniqueName("ux-once");
  const reveal = await startCreate(page, username);
  await expect(reveal).toBeVisible();
  // The action confirmed itself.
  await expect(page.getByText(`API user ${username} created: copy its token now`)).toBeVisible();

  await page.keyboard.press("Escape");
  const question = reveal.getByRole("alert");
  await expect(question).toContainText("Close without copying?");
  await expect(reveal).toBeVisible();
  await question.getByRole("button", { name: "Keep open" }).click();
  await expect(question).toBeHidden();

  // A click on the backdrop (outside the dialog's box) asks too.
  await page.mouse.click(3, 3);
  await expect(question).toBeVisible();
  await question.getByRole("button", { name: "Close without copying" }).click();
  await expect(reveal).toBeHidden();

  // Copied, Escape closes at once.
  await page.goto("/settings/api");
  const again = await startCreate(page, uniqueName("ux-copied"));
  await again.getByRole("button", { name: "Copy" }).click();
  await expect(again.getByRole("button", { name: "Copied!" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(again).toBeHidden();
});

test("a change is confirmed by a toast and reads in the activity as names and before → after, with exact times on hover", async ({
  page,
}) => {
  await signIn(page, "ADMIN");
  const username = uniqueName("ux-read");
  const reveal = await startCreate(page, username);
  await reveal.getByRole("button", { name: "Done" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill(username);
  await page.getByRole("button", { name: "Apply" }).click();
  const row = page.getByRole("table", { name: "API users" }).getByRole("row").filter({ hasText: username });
  await expect(row).toContainText("Read shipments, Track shipments");
  await row.getByRole("link", { name: username, exact: true }).click();

  await page.getByRole("button", { name: "Edit permissions" }).click();
  const dialog = page.getByRole("dialog", { name: `Permissions of ${username}` });
  await dialog.getByRole("checkbox", { name: "Track shipments" }).uncheck();
  await dialog.getByRole("checkbox", { name: "Print labels" }).check();
  await dialog.getByRole("button", { name: "Save permissions" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Permissions of ${username} saved`)).toBeVisible();

  await page.getByRole("navigation", { name: "API user" }).getByRole("link", { name: "Activity", exact: true }).click();
  const change = page
    .getByRole("table", { name: `Activity of ${username}` })
    .getByRole("row")
    .filter({ hasText: "permissions.update" });
  await expect(change.getByRole("definition")).toContainText("Added: Print labels");
  await expect(change.getByRole("definition")).toContainText("Removed: Track shipments");
  const time = change.locator("time");
  await expect(time).toHaveAttribute("title", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(time).toHaveText(/just now|minutes? ago/);
});

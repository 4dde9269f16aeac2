import { expect, test } from "@playwright/test";
import { DEMO_TENANT, memberEmail } from "@/prisma/seed/demo-accounts";
import { signIn } from "./helpers";

// Issue 12, item 12: a Services & Pricing change is an activity event like any other.
test("switching a service on and off appears in the activity log, by the member, with before and after", async ({ page }) => {
  await signIn(page, "OWNER");
  await page.goto("/services");
  await page.getByRole("button", { name: "Activate Same Day City" }).click();
  await expect(page.getByRole("button", { name: "Deactivate Same Day City" })).toBeVisible();
  await page.getByRole("button", { name: "Deactivate Same Day City" }).click();
  await expect(page.getByRole("button", { name: "Activate Same Day City" })).toBeVisible();

  await page.goto("/activity?action=service.");
  const rows = page.getByRole("table", { name: "Activity log" }).getByRole("row");
  for (const [action, change] of [
    ["service.activate", "inactive → active"],
    ["service.deactivate", "active → inactive"],
  ] as const) {
    const row = rows.filter({ hasText: action }).first();
    await expect(row).toContainText(memberEmail("OWNER", DEMO_TENANT));
    // Details read as label and value, the change as before → after (issue 16, item 6).
    await expect(row.getByRole("term").filter({ hasText: "Service" })).toBeVisible();
    await expect(row.getByRole("definition").filter({ hasText: "SAMEDAY" })).toBeVisible();
    await expect(row.getByRole("definition").filter({ hasText: change })).toBeVisible();
    await expect(row).toContainText("127.0.0.1");
  }
});

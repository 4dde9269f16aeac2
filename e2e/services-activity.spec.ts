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
    ["service.activate", ["before: inactive", "after: active"]],
    ["service.deactivate", ["before: active", "after: inactive"]],
  ] as const) {
    const row = rows.filter({ hasText: action }).first();
    await expect(row).toContainText(memberEmail("OWNER", DEMO_TENANT));
    await expect(row).toContainText("service: SAMEDAY");
    // Key order is the database's (jsonb), so each part on its own.
    for (const part of change) await expect(row).toContainText(part);
    await expect(row).toContainText("127.0.0.1");
  }
});

import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_TENANT, memberEmail, ROLES } from "@/prisma/seed/demo-accounts";
import { RIVAL_TENANT, signIn } from "./helpers";

test.describe("staff sign-in", () => {
  for (const role of ROLES) {
    test(`the ${role} member signs in and sees the tenant's Client ID`, async ({ page }) => {
      await signIn(page, role);
      await expect(page.getByRole("heading", { level: 1, name: DEMO_TENANT.name })).toBeVisible();
      await expect(page.getByTestId("client-id")).toHaveText(/^CC-[0-9A-Z]{8}$/);
    });
  }

  test("a wrong password shows one generic error", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(memberEmail("OWNER", DEMO_TENANT));
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("an unknown e-mail shows the same error", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill("nobody@demo.courier");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  });

  test("repeated wrong passwords lock the account for a while, even for the right password", async ({ page }) => {
    // A member no other spec signs in as: the lockout lasts 15 minutes.
    const email = memberEmail("DEVELOPER", RIVAL_TENANT);
    await page.goto("/signin");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Too many failed sign-ins. Try again in a few minutes.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("a signed-out visit to a dashboard page lands on sign-in", async ({ page }) => {
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, "DEVELOPER");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe("tenant isolation", () => {
  test("another tenant's customer page is a 404", async ({ page }) => {
    await signIn(page, "ADMIN");
    await page.goto("/customers");
    await page.getByRole("link", { name: DEMO_TENANT.customers[0] }).click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO_TENANT.customers[0] })).toBeVisible();
    const url = page.url();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await signIn(page, "OWNER", RIVAL_TENANT);
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(DEMO_TENANT.customers[0] ?? "")).toHaveCount(0);
  });
});

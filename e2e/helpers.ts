import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_TENANT, memberEmail, RIVAL_TENANT, type TenantSpec } from "@/prisma/seed/demo-accounts";
import type { Role } from "@prisma/client";

export { DEMO_TENANT, RIVAL_TENANT };

export async function signIn(page: Page, role: Role = "ADMIN", tenant: TenantSpec = DEMO_TENANT) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(memberEmail(role, tenant));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first sign-in after the server starts also compiles the dashboard's first page: allow for it under load.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible({ timeout: 15_000 });
}

/** The tenant's Client ID as the overview shows it. */
export async function tenantClientId(page: Page): Promise<string> {
  await page.goto("/");
  return (await page.getByTestId("client-id").first().textContent())?.trim() ?? "";
}

import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_TENANT, memberEmail, RIVAL_TENANT, type TenantSpec } from "@/prisma/seed/demo-accounts";
import type { Role } from "@prisma/client";

export { DEMO_TENANT, RIVAL_TENANT };

export async function signIn(page: Page, role: Role = "ADMIN", tenant: TenantSpec = DEMO_TENANT) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(memberEmail(role, tenant));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first sign-in after the server starts also compiles the dashboard's first page: allow for it under load.
  // On a phone the navigation is folded behind the Menu button.
  await expect(page.getByRole("navigation", { name: "Main" }).or(page.getByRole("button", { name: "Menu" }))).toBeVisible({
    timeout: 15_000,
  });
}

/** The tenant's Client ID as the overview shows it. */
export async function tenantClientId(page: Page): Promise<string> {
  await page.goto("/");
  return (await page.getByTestId("client-id").first().textContent())?.trim() ?? "";
}

/**
 * Submits a dialog whose action may need sudo mode (lib/auth/sudo.ts): when the server asks
 * for the member's password (no confirmation in this session for 10 minutes), types it and
 * submits again. Resolves once the dialog has closed.
 */
export async function submitWithSudo(dialog: Locator, submit: string, password = DEMO_PASSWORD) {
  const asked = dialog.getByLabel("Your password");
  const button = dialog.getByRole("button", { name: submit, exact: true });
  // Already asked (a spec that looked at the question first): answer it with this submit.
  if (await asked.isVisible()) await asked.fill(password);
  await button.click();
  // Done when the dialog closed, or when the server asked and the form is idle again.
  // (While the action runs the button reads "Working…": no match, so count it rather than wait on it.)
  const idle = async () => (await button.count()) > 0 && (await button.isEnabled());
  await expect.poll(async () => (await dialog.isHidden()) || ((await asked.isVisible()) && (await idle()))).toBe(true);
  if (await dialog.isVisible()) {
    await asked.fill(password);
    await button.click();
  }
  await expect(dialog).toBeHidden();
}

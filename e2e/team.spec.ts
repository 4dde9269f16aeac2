import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { memberEmail, TEAM_TENANT } from "@/prisma/seed/demo-accounts";
import { signIn } from "./helpers";

// Its own tenant (TEAM_TENANT): members come and go here without changing what other specs count.

const NEW_PASSWORD = "joined-by-invitation-1";

function memberRow(page: Page, email: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: email, exact: true }) });
}

async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/team");
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role").selectOption({ label: role });
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const link = dialog.getByRole("textbox", { name: `Link for ${email} (${role})` });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  // Shown once: closed, the link is nowhere in the page.
  expect(await page.content()).not.toContain(url);
  return url;
}

test.describe("the team page", () => {
  test("an Owner invites, the invitee joins in another browser, changes of role and removal hold at their next request", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const email = `joiner-${randomBytes(4).toString("hex")}@team-parcels.example`;
    await signIn(page, "OWNER", TEAM_TENANT);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
    const url = await invite(page, email, "Admin");
    await expect(page.getByRole("region", { name: "Pending invitations" }).getByRole("cell", { name: email, exact: true })).toBeVisible();

    const other = await browser.newContext();
    try {
      const joiner = await other.newPage();
      await joiner.goto(url);
      await expect(joiner.getByText(`Join ${TEAM_TENANT.name} as Admin with ${email}.`)).toBeVisible();
      await joiner.getByLabel("Your name").fill("Jo Iner");
      await joiner.getByLabel("Password", { exact: true }).fill("short");
      await joiner.getByLabel("Password again").fill("short");
      await joiner.getByRole("button", { name: "Join the team" }).click();
      await expect(joiner.getByText("At least 12 characters.")).toBeVisible();
      await joiner.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
      await joiner.getByLabel("Password again").fill(NEW_PASSWORD);
      await joiner.getByRole("button", { name: "Join the team" }).click();
      await expect(joiner.getByRole("navigation", { name: "Main" })).toBeVisible();

      // The link worked once.
      const third = await browser.newContext();
      const late = await third.newPage();
      await late.goto(url);
      await expect(late.getByText("This invitation link does not work")).toBeVisible();
      await third.close();

      // As an Admin the joiner may invite; the Owner demotes them meanwhile: the open page's next action is refused.
      await joiner.goto("/team");
      await joiner.getByRole("button", { name: "Invite member" }).click();
      await page.reload();
      const row = memberRow(page, email);
      await expect(row.getByRole("cell", { name: "Jo Iner" })).toBeVisible();
      await row.getByRole("combobox", { name: `Role of ${email}` }).selectOption({ label: "Read-only" });
      await row.getByRole("button", { name: `Save role of ${email}` }).click();
      await expect(page.getByText(`Role of ${email} changed.`)).toBeVisible();
      const dialog = joiner.getByRole("dialog");
      await dialog.getByLabel("E-mail").fill(`never-${randomBytes(3).toString("hex")}@team-parcels.example`);
      await dialog.getByRole("button", { name: "Create invitation link" }).click();
      await expect(joiner.getByText("Your role cannot make this change.")).toBeVisible();
      await dialog.getByRole("button", { name: "Cancel" }).click();

      // Removed: the open page's next action is refused, and the next page is the sign-in.
      await joiner.goto("/account");
      await memberRow(page, email)
        .getByRole("button", { name: `Remove ${email}` })
        .click();
      await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
      await expect(page.getByText(`${email} was removed from the team.`)).toBeVisible();
      await expect(memberRow(page, email)).toHaveCount(0);
      await joiner.getByLabel("Current password").fill(NEW_PASSWORD);
      await joiner.getByLabel("New password", { exact: true }).fill("another-password-22");
      await joiner.getByLabel("New password again").fill("another-password-22");
      await joiner.getByRole("button", { name: "Change password" }).click();
      await expect(joiner.getByText("Your session has ended. Sign in again.")).toBeVisible();
      await joiner.reload();
      await expect(joiner).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
    } finally {
      await other.close();
    }

    await page.goto("/activity?action=member.");
    await expect(page.getByRole("cell", { name: "member.removed" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "member.role_changed" })).toBeVisible();
  });

  test("the last Owner can be neither demoted nor removed, and an Admin cannot touch an Owner", async ({ page }) => {
    const owner = memberEmail("OWNER", TEAM_TENANT);
    await signIn(page, "OWNER", TEAM_TENANT);
    await page.goto("/team");
    const row = memberRow(page, owner);
    await expect(row.getByRole("button", { name: `Remove ${owner}` })).toHaveCount(0);
    await row.getByRole("combobox", { name: `Role of ${owner}` }).selectOption({ label: "Admin" });
    await row.getByRole("button", { name: `Save role of ${owner}` }).click();
    await expect(page.getByText("A team keeps at least one Owner: make someone else Owner first.")).toBeVisible();
    await page.reload();
    await expect(memberRow(page, owner).getByRole("combobox", { name: `Role of ${owner}` })).toHaveValue("OWNER");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await signIn(page, "ADMIN", TEAM_TENANT);
    await page.goto("/team");
    await expect(memberRow(page, owner).getByRole("cell", { name: "Owner", exact: true })).toBeVisible();
    await expect(memberRow(page, owner).getByRole("combobox")).toHaveCount(0);
    await expect(memberRow(page, owner).getByRole("button")).toHaveCount(0);
    await page.getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByRole("dialog").getByLabel("Role").getByRole("option")).toHaveText(["Admin", "Developer", "Read-only"]);
  });

  test("an invitation is revoked while pending", async ({ page, browser }) => {
    await signIn(page, "ADMIN", TEAM_TENANT);
    const email = `revoked-${randomBytes(4).toString("hex")}@team-parcels.example`;
    const url = await invite(page, email, "Developer");
    await page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
    await expect(page.getByText(`Invitation for ${email} revoked.`)).toBeVisible();
    const other = await browser.newContext();
    const visitor = await other.newPage();
    await visitor.goto(url);
    await expect(visitor.getByText("This invitation link does not work")).toBeVisible();
    await other.close();
  });
});

import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import type { Role } from "@prisma/client";
import { DEMO_PASSWORD, memberEmail, TWO_FACTOR_TENANT } from "@/prisma/seed/demo-accounts";
import { signIn } from "./helpers";

// Its own tenant (TWO_FACTOR_TENANT), one member per story: lockouts and the team-wide
// requirement stay here.

const email = (role: Role) => memberEmail(role, TWO_FACTOR_TENANT);

/** Turns two-factor on from the account page, as a member with an authenticator app would. */
async function turnOnTwoFactor(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  return finishSetup(page);
}

async function finishSetup(page: Page) {
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  await page.getByLabel("Code from the app").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await page.getByRole("button", { name: "I saved them" }).click();
  // The next step's code: the confirming one's step is spent.
  return { codes, nextCode: () => totp.generate({ timestamp: Date.now() + 30_000 }), secret };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Password first; the form then asks for the code on the same page. */
async function signInWithCode(page: Page, who: string, code: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(who);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("two-factor sign-in", () => {
  test("a member turns it on, then signs in with a code, with a recovery code once, and not with it twice", async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, "DEVELOPER", TWO_FACTOR_TENANT);
    const { codes, nextCode, secret } = await turnOnTwoFactor(page);
    await expect(page.getByText("On.", { exact: true })).toBeVisible();
    await expect(page.getByText("10 of 10 recovery codes left.", { exact: false })).toBeVisible();
    // Shown once: the secret and the codes are gone from the page.
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(codes[0]);
    await signOut(page);

    await signInWithCode(page, email("DEVELOPER"), nextCode());
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await signOut(page);

    await signInWithCode(page, email("DEVELOPER"), codes[0] ?? "");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.goto("/account");
    await expect(page.getByText("9 of 10 recovery codes left.", { exact: false })).toBeVisible();
    await signOut(page);

    await signInWithCode(page, email("DEVELOPER"), codes[0] ?? "");
    await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("wrong codes count toward the lockout of wrong passwords", async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, "READ_ONLY", TWO_FACTOR_TENANT);
    const { nextCode } = await turnOnTwoFactor(page);
    await signOut(page);
    const right = nextCode();
    const wrong = `${right.slice(0, 5)}${(Number(right[5]) + 1) % 10}`;
    await signInWithCode(page, email("READ_ONLY"), wrong);
    await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
    // Four more wrong codes make the five failures that lock this address out of the account.
    for (let attempt = 2; attempt <= 5; attempt++) {
      await page.getByLabel("Authentication code").fill(wrong);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled({ timeout: 10_000 });
      await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
    }
    await page.getByLabel("Authentication code").fill(right);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Too many failed sign-ins. Try again in a few minutes.")).toBeVisible({ timeout: 10_000 });
    await expect(page).toHaveURL(/\/signin/);
  });

  test("an Owner requires it for the team: a member without it is sent to set it up before anything else", async ({ page, browser }) => {
    test.setTimeout(90_000);
    await signIn(page, "OWNER", TWO_FACTOR_TENANT);
    await page.goto("/team");
    await page.getByRole("button", { name: "Require two-factor for everyone" }).click();
    await expect(page.getByText("Turn on two-factor sign-in for your own account first.")).toBeVisible();
    await turnOnTwoFactor(page);
    await page.goto("/team");
    await page.getByRole("button", { name: "Require two-factor for everyone" }).click();
    await expect(page.getByText("Two-factor sign-in is now required for every member.")).toBeVisible();

    const other = await browser.newContext();
    try {
      const admin = await other.newPage();
      await admin.goto("/signin");
      await admin.getByLabel("E-mail").fill(email("ADMIN"));
      await admin.getByLabel("Password").fill(DEMO_PASSWORD);
      await admin.getByRole("button", { name: "Sign in" }).click();
      await expect(admin).toHaveURL(/\/two-factor-setup$/);
      await expect(admin.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible();
      await admin.goto("/customers");
      await expect(admin).toHaveURL(/\/two-factor-setup$/);
      // The dashboard's route handlers cannot redirect: they refuse instead, data included.
      for (const path of ["/activity/export", "/activity/api-users?q=a", "/shipments/filter-options?kind=customer&q=a"]) {
        const refused = await admin.request.get(path);
        expect(refused.status(), path).toBe(403);
        expect((await refused.json()).error.code, path).toBe("two_factor_setup_required");
      }
      await admin.getByRole("button", { name: "Set up two-factor sign-in" }).click();
      await finishSetup(admin);
      await expect(admin.getByRole("navigation", { name: "Main" })).toBeVisible();
      await admin.goto("/customers");
      await expect(admin.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    } finally {
      await other.close();
    }
    await page.reload();
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: email("ADMIN"), exact: true }) });
    await expect(row.getByRole("cell", { name: "On", exact: true })).toBeVisible();
  });
});

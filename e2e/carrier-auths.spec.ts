import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed/demo-accounts";
import { auth, body, clientIds, login } from "./api-client";
import { RIVAL_TENANT, signIn } from "./helpers";

// Issue 11: an API user's registered auths with other couriers, secrets encrypted at rest.
// One story in order (the e2e database is shared; the API user e2e-carrier-auths is this spec's own).

const run = Date.now().toString(36);
const SECRETS = {
  dhlMain: `dhl-main-secret-${run}-Qx7`,
  dhlSecond: `dhl-second-secret-${run}-Zp3`,
  ups: `ups-client-secret-${run}-Lk9`,
  aramexPassword: `aramex-pw-${run}-Vb2`,
  aramexPin: "731954",
  dhlReplaced: `dhl-replaced-${run}-Mn5`,
};

let pagePath = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser, baseURL, request }) => {
  if (!baseURL) throw new Error("no baseURL");
  const ids = await clientIds(browser, baseURL, request);
  const token = await login(request, ids.tenant, "e2e-carrier-auths");
  const me = await body(await request.get("/v1/me", { headers: auth(token, ids.tenant) }));
  pagePath = `/api-users/${me.data.id}/carrier-auths`;
});

async function open(page: Page) {
  await page.goto(pagePath);
  await expect(page.getByRole("heading", { name: /Carrier auths of/ })).toBeVisible();
}

async function add(page: Page, courier: string, company: string, testing: "Yes" | "No", fields: Record<string, string>) {
  await page.getByRole("button", { name: "Add carrier auth" }).click();
  const dialog = page.getByRole("dialog", { name: "Register a carrier auth" });
  await dialog.getByLabel("Courier").selectOption({ label: courier });
  await dialog.getByLabel("Company").fill(company);
  await dialog.getByRole("radio", { name: testing }).check();
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: `${courier} — ${company}` })).toBeVisible();
}

async function reveal(page: Page, label: string, password: string) {
  await page.getByRole("button", { name: `Reveal ${label}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reveal ${label}` });
  await dialog.getByLabel("Your password").fill(password);
  await dialog.getByRole("button", { name: "Reveal" }).click();
  return dialog;
}

/** The page's HTML as the server sends it and as the browser holds it now. */
async function html(page: Page) {
  const served = await (await page.request.get(pagePath)).text();
  return `${served}\n${await page.content()}`;
}

test("an admin registers auths for several couriers, two DHL accounts told apart by Company, shown masked", async ({ page }) => {
  await signIn(page, "ADMIN");
  await open(page);

  // Bad input: each error beside its field, nothing saved.
  await page.getByRole("button", { name: "Add carrier auth" }).click();
  const dialog = page.getByRole("dialog", { name: "Register a carrier auth" });
  await dialog.getByLabel("Courier").selectOption({ label: "DHL Express" });
  await dialog.getByLabel("Shipper account number").fill("12345");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByLabel("Shipper account number")).toHaveAccessibleDescription(/The account number is 9 digits/);
  await expect(dialog.getByLabel("Company")).toHaveAccessibleDescription(/Enter a company/);
  await expect(dialog.getByLabel("API Secret (password)")).toHaveAccessibleDescription(/Enter the API Secret/);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await add(page, "DHL Express", "Main account", "No", {
    "API Key (username)": "mainapikey",
    "API Secret (password)": SECRETS.dhlMain,
    "Shipper account number": "123456789",
  });
  await add(page, "DHL Express", "Second shop", "Yes", {
    "API Key (username)": "secondapikey",
    "API Secret (password)": SECRETS.dhlSecond,
    "Shipper account number": "987654321",
  });
  await add(page, "UPS", "UPS account", "No", { "Client ID": "ups-client-id", "Client Secret": SECRETS.ups, "Shipper number": "A1B2C3" });
  await add(page, "Aramex", "Aramex Jordan", "Yes", {
    UserName: "ops@shop.example",
    Password: SECRETS.aramexPassword,
    AccountNumber: "20016",
    AccountPin: SECRETS.aramexPin,
    AccountEntity: "AMM",
    AccountCountryCode: "JO",
  });

  const main = page.getByRole("article", { name: "DHL Express — Main account" });
  await expect(main.getByText("123456789")).toBeVisible();
  await expect(main.getByLabel(`hidden, ends in ${SECRETS.dhlMain.slice(-4)}`)).toBeVisible();
  await expect(page.getByRole("article", { name: "DHL Express — Second shop" }).getByText("Test account")).toBeVisible();
  // A short secret shows no characters at all.
  await expect(page.getByRole("article", { name: "Aramex — Aramex Jordan" }).getByLabel("hidden", { exact: true }).first()).toBeVisible();
  await main.getByText("Presets defined by DHL Express").click();
  await expect(main.getByText("P — EXPRESS WORLDWIDE")).toBeVisible();

  const seen = await html(page);
  for (const secret of Object.values(SECRETS)) expect(seen).not.toContain(secret);
});

test("reveal asks for the member's own password, shows the value in a dialog and drops it on close", async ({ page }) => {
  await signIn(page, "ADMIN");
  await open(page);
  const label = "API Secret (password) of DHL Express (Main account)";

  const refused = await reveal(page, label, "not-my-password");
  await expect(refused.getByLabel("Your password")).toHaveAccessibleDescription(/That is not your password/);
  await expect(refused.getByText("Your password did not match")).toBeVisible();
  expect(await page.content()).not.toContain(SECRETS.dhlMain);
  await refused.getByLabel("Your password").fill(DEMO_PASSWORD);
  await refused.getByRole("button", { name: "Reveal" }).click();
  await expect(refused.getByLabel("Secret value")).toHaveValue(SECRETS.dhlMain);
  await refused.getByRole("button", { name: "Done" }).click();
  await expect(refused).toBeHidden();
  expect(await html(page)).not.toContain(SECRETS.dhlMain);

  // Logged as a reveal of that field, without the value.
  await page.goto("/activity");
  await expect(page.getByText("carrier_auth.reveal").first()).toBeVisible();
  expect(await page.content()).not.toContain(SECRETS.dhlMain);
});

test("edit keeps a secret left blank; delete asks first", async ({ page }) => {
  await signIn(page, "ADMIN");
  await open(page);
  await page.getByRole("button", { name: "Edit DHL Express — Main account" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit DHL Express — Main account" });
  await expect(dialog.getByLabel("Shipper account number")).toHaveValue("123456789");
  await expect(dialog.getByLabel("API Secret (password)")).toHaveValue("");
  await dialog.getByLabel("Company").fill("Main account EU");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  const revealed = await reveal(page, "API Secret (password) of DHL Express (Main account EU)", DEMO_PASSWORD);
  await expect(revealed.getByLabel("Secret value")).toHaveValue(SECRETS.dhlMain);
  await page.keyboard.press("Escape");
  await expect(revealed).toBeHidden();

  // A typed secret replaces the stored one.
  await page.getByRole("button", { name: "Edit DHL Express — Main account EU" }).click();
  const again = page.getByRole("dialog", { name: "Edit DHL Express — Main account EU" });
  await again.getByLabel("API Secret (password)").fill(SECRETS.dhlReplaced);
  await again.getByRole("button", { name: "Save changes" }).click();
  await expect(again).toBeHidden();
  await expect(
    page.getByRole("article", { name: "DHL Express — Main account EU" }).getByLabel(`hidden, ends in ${SECRETS.dhlReplaced.slice(-4)}`),
  ).toBeVisible();

  await page.getByRole("button", { name: "Delete DHL Express — Second shop" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete DHL Express — Second shop?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("article", { name: "DHL Express — Second shop" })).toBeVisible();
  await page.getByRole("button", { name: "Delete DHL Express — Second shop" }).click();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("article", { name: "DHL Express — Second shop" })).toHaveCount(0);
});

test("a read-only member sees the list without secrets and without controls; another tenant gets a 404", async ({ page }) => {
  await signIn(page, "READ_ONLY");
  await open(page);
  await expect(page.getByRole("article", { name: "UPS — UPS account" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Reveal|Edit|Delete|Add carrier auth/ })).toHaveCount(0);
  const seen = await html(page);
  for (const secret of Object.values(SECRETS)) expect(seen).not.toContain(secret);
  // Not even the last four characters.
  expect(seen).not.toContain(`ends in ${SECRETS.ups.slice(-4)}`);

  await page.context().clearCookies();
  await signIn(page, "ADMIN", RIVAL_TENANT);
  const response = await page.goto(pagePath);
  expect(response?.status()).toBe(404);
  expect(await page.content()).not.toContain("UPS account");
});

test("the server log never holds a secret value", async ({ baseURL }) => {
  const port = new URL(baseURL ?? "").port;
  const log = readFileSync(`./data/e2e-${port}.log`, "utf8");
  expect(log.length).toBeGreaterThan(0);
  for (const secret of Object.values(SECRETS)) expect(log).not.toContain(secret);
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed/demo-accounts";
import { DEMO_TENANT, RIVAL_TENANT, signIn, submitWithSudo } from "./helpers";

const TOKEN = /^cc_(live|test)_[0-9a-f]{64}_[0-9a-f]{8}$/;
const CUSTOMER = DEMO_TENANT.customers[2] ?? "";

// The e2e database is shared by every spec: each test names its users uniquely.
let counter = 0;
function uniqueName(base: string) {
  counter += 1;
  return `${base}-${Date.now().toString(36)}${counter}`;
}

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function openCustomer(page: Page, name = CUSTOMER) {
  await page.goto("/customers");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Reads the token from the shown-once dialog, copies it, closes it; checks it is gone. */
async function takeToken(page: Page, close: "Done" | "Escape" = "Done"): Promise<string> {
  const reveal = page.getByRole("dialog", { name: "Your new API token" });
  await expect(reveal).toBeVisible();
  await expect(reveal.getByText("will not be shown again")).toBeVisible();
  const token = await reveal.getByLabel("API token").inputValue();
  expect(token).toMatch(TOKEN);
  await reveal.getByRole("button", { name: "Copy" }).click();
  await expect(reveal.getByRole("button", { name: "Copied!" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  // Focus stays in the modal.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await reveal.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  if (close === "Done") await reveal.getByRole("button", { name: "Done" }).click();
  else await page.keyboard.press("Escape");
  await expect(reveal).toBeHidden();
  expect(await page.content()).not.toContain(token);
  return token;
}

/** Searches the list on this page for a username; its row links to the user's page. */
async function findUser(page: Page, username: string): Promise<Locator> {
  await page.getByRole("searchbox", { name: "Search" }).fill(username);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${username}`));
  return page.getByRole("table", { name: "API users" }).getByRole("link", { name: username, exact: true });
}

async function createUser(
  page: Page,
  username: string,
  options: { permissions?: string[]; environment?: "Live" | "Test"; close?: "Done" | "Escape"; tokenName?: string } = {},
) {
  await page.getByRole("button", { name: "New API User / Client" }).click();
  const dialog = page.getByRole("dialog", { name: "New API user" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Password").fill("integration-pw");
  await dialog.getByLabel("Email").fill(`${username}@integrator.example`);
  for (const permission of options.permissions ?? ["shipments:read", "tracking:read"]) {
    await dialog.getByRole("checkbox", { name: permission }).check();
  }
  if (options.tokenName) await dialog.getByLabel("Name of the first token").fill(options.tokenName);
  if (options.environment) await dialog.getByRole("radio", { name: options.environment }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  const token = await takeToken(page, options.close);
  await expect(await findUser(page, username)).toBeVisible();
  return token;
}

/** From a list page: finds the user and opens its page (Overview). */
async function openUser(page: Page, username: string) {
  await (await findUser(page, username)).click();
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
}

async function openTab(page: Page, tab: "Overview" | "Keys & tokens" | "Activity") {
  await page.getByRole("navigation", { name: "API user" }).getByRole("link", { name: tab, exact: true }).click();
  await expect(page.getByRole("navigation", { name: "API user" }).getByRole("link", { name: tab, exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
}

/** The user's status as its page's Details state it. */
function statusOf(page: Page): Locator {
  return page.getByRole("region", { name: "Details" }).getByRole("definition").first();
}

/** On the user's Overview: clicks Deactivate and confirms (used to capture the action's request). */
async function clickDeactivate(page: Page) {
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate", exact: true }).click();
}

function hintOf(token: string) {
  return `${token.slice(0, 8)}…${token.slice(-4)}`;
}

function activityRows(page: Page, username: string, action: string, table = "Recent activity") {
  return page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: username }).filter({ hasText: action });
}

/** Opens a user's (or a token's) dialog by its trigger and submits it with the given button. */
async function act(page: Page, within: Locator, trigger: string, submit: string, fill?: (dialog: Locator) => Promise<void>) {
  await within.getByRole("button", { name: trigger, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await fill?.(dialog);
  await submitWithSudo(dialog, submit);
}

async function callMe(page: Page, token: string, clientId: string) {
  return page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}`, "X-Tenant": clientId } });
}

/**
 * Captures the request a server action sends, without letting it through: the admin
 * clicks, the request is recorded and aborted. Replaying it later from another session
 * is what a crafted call looks like.
 */
async function captureAction(page: Page, click: () => Promise<void>) {
  let captured: { headers: Record<string, string>; body: Buffer; url: string } | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    if (request.method() === "POST" && headers["next-action"]) {
      captured = { headers, body: request.postDataBuffer() ?? Buffer.alloc(0), url: request.url() };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  if (!captured) throw new Error("no server action was sent");
  return captured;
}

async function replay(page: Page, call: { headers: Record<string, string>; body: Buffer; url: string }) {
  const keep = ["next-action", "content-type", "accept", "next-router-state-tree"];
  const headers = Object.fromEntries(Object.entries(call.headers).filter(([key]) => keep.includes(key)));
  const response = await page.request.post(call.url, { headers, data: call.body });
  return { status: response.status(), body: await response.text() };
}

async function switchTo(page: Page, role: Parameters<typeof signIn>[1], tenant = DEMO_TENANT) {
  await page.context().clearCookies();
  await signIn(page, role, tenant);
}

test.describe("API access", () => {
  test("admin creates a customer API user and copies its token once", async ({ page }) => {
    await signIn(page, "ADMIN");
    await openCustomer(page);
    const clientId = (await page.getByTestId("client-id").first().textContent())?.trim() ?? "";
    const username = uniqueName("shop");
    const token = await createUser(page, username, { tokenName: "shop ERP" });
    expect(token.startsWith("cc_live_")).toBe(true);
    await expect(activityRows(page, username, "api_user.create")).toHaveCount(1);
    await expect(activityRows(page, username, "token.issue")).toHaveCount(1);

    await page.reload();
    expect(await page.content()).not.toContain(token);
    const row = page.getByRole("table", { name: "API users" }).getByRole("row").filter({ hasText: username });
    await expect(row).toContainText("1 live · 0 test");
    await expect(row).toContainText("Never");
    await openUser(page, username);
    const details = page.getByRole("region", { name: "Details" });
    await expect(details.getByText(`Customer: ${CUSTOMER}`)).toBeVisible();
    await expect(details.getByTestId("client-id")).toHaveText(clientId);
    await expect(details.getByText("60 requests/min (default)")).toBeVisible();
    const permissions = page.getByRole("region", { name: "Permissions" });
    await expect(permissions.getByRole("listitem").filter({ hasText: "shipments:read" })).toContainText("allowed");
    await expect(permissions.getByRole("listitem").filter({ hasText: "shipments:read" })).toContainText("GET /v1/shipments");
    await expect(permissions.getByRole("listitem").filter({ hasText: "pickups:create" })).toContainText("not allowed");
    await openTab(page, "Keys & tokens");
    const tokenRow = page
      .getByRole("table", { name: `Live tokens of ${username}` })
      .getByRole("row")
      .filter({ hasText: hintOf(token) });
    await expect(tokenRow).toContainText("shop ERP");

    // The database holds the token's SHA-256: the API accepts it with the customer's Client ID.
    expect((await callMe(page, token, clientId)).status()).toBe(200);
    // The API records the use in the background (its activity queue): the page shows it once written.
    await expect(async () => {
      await page.reload();
      await expect(tokenRow).toContainText(/from \S+/, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    // Tenant-wide settings do not list a customer's user.
    await page.goto("/settings/api");
    await findUser(page, username);
    await expect(page.getByText("No API user matches.")).toBeVisible();
  });

  test("admin creates a tenant-wide test user; the form keeps what was typed on errors", async ({ page }) => {
    await signIn(page, "ADMIN");
    await page.goto("/settings/api");
    await expect(page.getByRole("heading", { level: 1, name: "API / Web Services" })).toBeVisible();
    await expect(page.getByTestId("client-id")).toHaveText(/^CC-[0-9A-Z]{8}$/);

    const username = uniqueName("hub");
    await page.getByRole("button", { name: "New API User / Client" }).click();
    const dialog = page.getByRole("dialog", { name: "New API user" });
    await dialog.getByLabel("Username").fill(`${username} bad`);
    await dialog.getByLabel("Password").fill("short");
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByText("Check the highlighted fields.")).toBeVisible();
    await expect(dialog.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Username")).toHaveAccessibleDescription(/letters, digits/i);
    await expect(dialog.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("Choose at least one permission.")).toBeVisible();
    await expect(dialog.getByLabel("Username")).toHaveValue(`${username} bad`);
    await expect(dialog.getByLabel("Email")).toHaveValue("not-an-email");
    await expect(dialog.getByLabel("Password")).toHaveValue("");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    const token = await createUser(page, username, { environment: "Test", permissions: ["services:list"], close: "Escape" });
    expect(token.startsWith("cc_test_")).toBe(true);
    await page.reload();
    expect(await page.content()).not.toContain(token);
    await expect(page.getByRole("table", { name: "API users" }).getByRole("row").filter({ hasText: username })).toContainText(
      "0 live · 1 test",
    );

    // The same username in another case is taken.
    await page.getByRole("button", { name: "New API User / Client" }).click();
    await dialog.getByLabel("Username").fill(username.toUpperCase());
    await dialog.getByLabel("Password").fill("integration-pw");
    await dialog.getByRole("checkbox", { name: "services:list" }).check();
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByText("That username is taken.")).toBeVisible();
    await expect(dialog.getByRole("checkbox", { name: "services:list" })).toBeChecked();
  });

  test("every action on a user and its tokens works and appears in its activity", async ({ page }) => {
    // Every action, sudo mode's password round included: longer than one page's budget under load.
    test.slow();
    await signIn(page, "DEVELOPER");
    await page.goto("/settings/api");
    const clientId = (await page.getByTestId("client-id").textContent())?.trim() ?? "";
    const username = uniqueName("ops");
    const first = await createUser(page, username);
    await openUser(page, username);
    // Only the action that issues a token answers with it: record every later answer.
    const answers: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().method() === "POST") answers.push(response.text().catch(() => ""));
    });
    const permissions = page.getByRole("region", { name: "Permissions" });
    const details = page.getByRole("region", { name: "Details" });

    // Permissions
    await act(page, details, "Edit permissions", "Save permissions", (d) => d.getByRole("checkbox", { name: "pickups:create" }).check());
    await expect(permissions.getByRole("listitem").filter({ hasText: "pickups:create" })).toContainText("· allowed");

    // Rate limit: a bad number is a field error, then a custom one, shown per minute.
    await details.getByRole("button", { name: "Rate limit", exact: true }).click();
    const rate = page.getByRole("dialog", { name: `Rate limit of ${username}` });
    await rate.getByRole("radio", { name: "Custom" }).check();
    await rate.getByLabel("Requests per minute").fill("0");
    await rate.getByRole("button", { name: "Save rate limit" }).click();
    await expect(rate.getByLabel("Requests per minute")).toHaveAttribute("aria-invalid", "true");
    await rate.getByLabel("Requests per minute").fill("250");
    await rate.getByRole("button", { name: "Save rate limit" }).click();
    await expect(rate).toBeHidden();
    await expect(details.getByText("250 requests/min")).toBeVisible();

    // Generate a named token.
    await openTab(page, "Keys & tokens");
    await page.getByRole("button", { name: "Generate token" }).click();
    const generate = page.getByRole("dialog", { name: `New token for ${username}` });
    await generate.getByLabel("Token name").fill("ci-server");
    await expect(generate.getByRole("radio", { name: "Live" })).toBeChecked();
    await generate.getByRole("button", { name: "Generate", exact: true }).click();
    const second = await takeToken(page);
    expect(second.startsWith("cc_live_")).toBe(true);
    const tokens = page.getByRole("table", { name: `Live tokens of ${username}` });
    await expect(tokens.getByRole("row").filter({ hasText: hintOf(second) })).toContainText("ci-server");

    // Rotate it with a 24-hour overlap: the old one keeps working until then.
    const secondRow = tokens.getByRole("row").filter({ hasText: hintOf(second) });
    await secondRow.getByRole("button", { name: "Rotate" }).click();
    const rotate = page.getByRole("dialog", { name: `Rotate token ${hintOf(second)}` });
    await rotate.getByRole("radio", { name: "After 24 hours" }).check();
    await rotate.getByRole("button", { name: "Rotate token" }).click();
    const third = await takeToken(page);
    expect(third.startsWith("cc_live_")).toBe(true);
    await expect(secondRow).toContainText("Expiring soon");
    await expect(secondRow.getByRole("cell").filter({ hasText: "Expiring soon" }).locator("time")).toHaveAttribute("title", / UTC$/);
    await expect(tokens.getByRole("row").filter({ hasText: hintOf(third) })).toContainText("ci-server");

    // Revoke the first token (sudo mode: the member's password, a wrong one changes nothing):
    // the API refuses it at once, and it folds into "Revoked".
    expect((await callMe(page, first, clientId)).status()).toBe(200);
    await tokens
      .getByRole("row")
      .filter({ hasText: hintOf(first) })
      .getByRole("button", { name: "Revoke", exact: true })
      .click();
    const revoke = page.getByRole("dialog", { name: `Revoke token ${hintOf(first)}?` });
    await revoke.getByRole("button", { name: "Revoke token" }).click();
    await revoke.getByLabel("Your password").fill("not-my-password");
    await revoke.getByRole("button", { name: "Revoke token" }).click();
    await expect(revoke.getByText("That is not your password.")).toBeVisible();
    await expect(revoke.getByLabel("Your password")).toHaveAttribute("aria-invalid", "true");
    await expect(revoke.getByLabel("Your password")).toHaveValue("");
    expect((await callMe(page, first, clientId)).status()).toBe(200);
    await revoke.getByLabel("Your password").fill(DEMO_PASSWORD);
    await revoke.getByRole("button", { name: "Revoke token" }).click();
    await expect(revoke).toBeHidden();
    await expect(tokens.getByRole("row").filter({ hasText: hintOf(first) })).toHaveCount(0);
    const revoked = page.getByRole("table", { name: `Live tokens of ${username}, revoked` });
    await expect(revoked).toBeHidden();
    await page.getByText("Revoked (1)").click();
    await expect(revoked.getByRole("row").filter({ hasText: hintOf(first) })).toContainText("Revoked");
    expect((await callMe(page, first, clientId)).status()).toBe(401);

    // Revoke all the rest.
    await act(page, page.getByRole("group", { name: `Tokens of ${username}` }), "Revoke all tokens", "Revoke all tokens");
    await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);
    await expect(page.getByText("Revoked (3)")).toBeVisible();

    // Deactivate, then activate: the tokens stay revoked.
    await openTab(page, "Overview");
    await act(page, details, "Deactivate", "Deactivate");
    await expect(statusOf(page)).toHaveText(/^Inactive/);
    await act(page, details, "Activate", "Activate");
    await expect(statusOf(page)).toHaveText("Active");

    // Its Activity tab has every change so far.
    await openTab(page, "Activity");
    for (const action of [
      "api_user.create",
      "token.issue",
      "permissions.update",
      "rate_limit.update",
      "token.rotate",
      "token.revoke",
      "api_user.deactivate",
      "api_user.activate",
    ]) {
      await expect(activityRows(page, username, action, `Activity of ${username}`).first()).toBeVisible();
    }

    // Delete (sudo mode holds from the revoke above: no password asked again) goes back to the list.
    await openTab(page, "Overview");
    await details.getByRole("button", { name: "Delete", exact: true }).click();
    const del = page.getByRole("dialog", { name: `Delete ${username}?` });
    await del.getByRole("button", { name: "Delete API user" }).click();
    await expect(page).toHaveURL(/\/settings\/api$/);
    await findUser(page, username);
    await expect(page.getByText("No API user matches.")).toBeVisible();
    await expect(activityRows(page, username, "api_user.delete").first()).toBeVisible();

    const html = await page.content();
    for (const token of [first, second, third]) expect(html).not.toContain(token);
    const bodies = await Promise.all(answers);
    expect(bodies.length).toBeGreaterThan(8);
    expect(bodies.filter((body) => body.includes(first))).toHaveLength(0);
    // At most the one answer that issued it (a body the browser already let go reads as "").
    expect(bodies.filter((body) => body.includes(second)).length).toBeLessThanOrEqual(1);
    expect(bodies.filter((body) => body.includes(third)).length).toBeLessThanOrEqual(1);
  });

  test("a read-only member sees users and hints but no control, and a crafted call changes nothing", async ({ page }) => {
    await signIn(page, "ADMIN");
    await page.goto("/settings/api");
    const username = uniqueName("watched");
    const token = await createUser(page, username);
    await openUser(page, username);
    const userUrl = page.url();
    const call = await captureAction(page, () => clickDeactivate(page));

    await switchTo(page, "READ_ONLY");
    await page.goto("/settings/api");
    await expect(page.getByRole("button", { name: "New API User / Client" })).toHaveCount(0);
    await expect(activityRows(page, username, "api_user.create")).toHaveCount(1);
    await openUser(page, username);
    await openTab(page, "Keys & tokens");
    await expect(page.getByRole("table", { name: `Live tokens of ${username}` }).getByText(hintOf(token))).toBeVisible();
    for (const path of ["", "/tokens"]) {
      await page.goto(`${userUrl}${path}`);
      await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
      for (const name of [
        "Edit permissions",
        "Rate limit",
        "Generate token",
        "Revoke all tokens",
        "Deactivate",
        "Activate",
        "Delete",
        "Rename",
        "Disable",
        "Enable",
        "Rotate",
        "Revoke",
      ]) {
        await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
      }
    }

    const reply = await replay(page, call);
    expect(reply.body).toContain("Your role cannot make this change.");
    await page.goto(userUrl);
    await expect(statusOf(page)).toHaveText("Active");
    await openTab(page, "Activity");
    await expect(activityRows(page, username, "api_user.deactivate", `Activity of ${username}`)).toHaveCount(0);

    await openCustomer(page);
    await expect(page.getByRole("button", { name: "New API User / Client" })).toHaveCount(0);
  });

  test("a member of another tenant cannot see or touch these users", async ({ page }) => {
    await signIn(page, "ADMIN");
    await openCustomer(page);
    const url = page.url();
    const username = uniqueName("private");
    await createUser(page, username);
    await openUser(page, username);
    const userUrl = page.url();
    const call = await captureAction(page, () => clickDeactivate(page));
    await page.goto("/settings/api");
    const wide = uniqueName("private-wide");
    await createUser(page, wide);
    await openUser(page, wide);
    const wideUrl = page.url();

    await switchTo(page, "OWNER", RIVAL_TENANT);
    for (const target of [url, userUrl, `${userUrl}/tokens`, `${userUrl}/activity`, wideUrl]) {
      const response = await page.goto(target);
      expect(response?.status(), target).toBe(404);
      expect(await page.content()).not.toContain(username);
      expect(await page.content()).not.toContain(wide);
    }
    await page.goto("/settings/api");
    await expect(page.getByRole("heading", { level: 1, name: "API / Web Services" })).toBeVisible();
    expect(await page.content()).not.toContain(wide);
    await page.goto("/activity");
    expect(await page.content()).not.toContain(username);

    // The admin's captured action, sent with the rival's session: refused, nothing changes.
    // Deactivating needs sudo mode, asked before anything is looked up, so the answer says
    // nothing about the user (the not-found of a foreign id is tests/api-users.test.ts's).
    const reply = await replay(page, call);
    expect(reply.body).toContain("sudo_required");
    expect(reply.body).not.toContain(username);
    await switchTo(page, "ADMIN");
    await page.goto(userUrl);
    await expect(statusOf(page)).toHaveText("Active");
    await openTab(page, "Activity");
    await expect(activityRows(page, username, "api_user.deactivate", `Activity of ${username}`)).toHaveCount(0);
  });

  test("the activity log filters by action and API user, pages back and exports CSV", async ({ page }) => {
    await signIn(page, "OWNER");
    await page.goto("/settings/api");
    const username = uniqueName("logged");
    await createUser(page, username);
    await openUser(page, username);
    await openTab(page, "Keys & tokens");
    await act(page, page.getByRole("group", { name: `Tokens of ${username}` }), "Revoke all tokens", "Revoke all tokens");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Activity log" })).toBeVisible();
    await page.getByLabel("API user").fill(username);
    await page.getByRole("button", { name: "Filter" }).click();
    const log = page.getByRole("table", { name: "Activity log" });
    await expect(log.getByRole("row").filter({ hasText: username })).toHaveCount(3);
    await page.getByLabel("Action starts with").fill("token.");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(log.getByRole("row").filter({ hasText: username })).toHaveCount(2);
    await expect(log.getByRole("row").filter({ hasText: "api_user.create" })).toHaveCount(0);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString("utf8");
    });
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("time,username,action,actor,method,path,status,ip,details");
    expect(lines).toHaveLength(3);
    expect(lines.every((line, i) => i === 0 || (line.includes(username) && line.includes(",token.")))).toBe(true);

    // Paging: with no filter there are more events than one page of 50 only when the
    // shared database is busy; the "Older" link, when shown, leads to older events.
    await page.goto("/activity");
    const older = page.getByRole("link", { name: "Older" });
    if (await older.count()) {
      await older.click();
      await expect(page).toHaveURL(/before=/);
      await expect(page.getByRole("link", { name: "Newest" })).toBeVisible();
    }

    // The export needs a session.
    await page.context().clearCookies();
    const anonymous = await page.request.get("/activity/export");
    expect(anonymous.status()).toBe(401);
  });
});

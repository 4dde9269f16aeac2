import { expect, test, type APIRequestContext } from "@playwright/test";
import { OPERATIONS, operations, type ApiOperation } from "@/lib/api/operations";
import { PERMISSION_KEYS, type Permission } from "@/lib/credentials/permissions";
import { E2E_API_PASSWORD } from "@/e2e/fixtures";
import { DEMO_COMPLETED_PICKUP_ID, DEMO_PICKED_UP_AWB } from "@/prisma/seed/courier";
import { auth, body, clientIds, login } from "./api-client";

// Every operation of the catalogue (lib/api/operations) over real HTTP: the permission it
// documents is the one the server checks. The users are e2e-ops-none (no permission) and
// e2e-only-<permission> (that one alone), from e2e/fixtures.ts.
//
// The calls name seeded objects whose state refuses every change (a picked-up shipment, a
// completed pickup) and POST an empty body (422), so nothing is created or cancelled.

type Headers = Record<string, string>;
let tenant: string;
let none: Headers;
const only = new Map<Permission, Headers>();

const onlyUser = (permission: Permission) => `e2e-only-${permission.replace(":", "-")}`;
const name = (op: ApiOperation) => `${op.method} ${op.path}`;

test.beforeAll(async ({ browser, request, baseURL }) => {
  tenant = (await clientIds(browser, baseURL ?? "", request)).tenant;
  none = auth(await login(request, tenant, "e2e-ops-none"), tenant);
  for (const permission of PERMISSION_KEYS) only.set(permission, auth(await login(request, tenant, onlyUser(permission)), tenant));
});

function call(request: APIRequestContext, op: ApiOperation, headers: Headers) {
  const url = op.path.replace("{awb}", DEMO_PICKED_UP_AWB).replace("{id}", DEMO_COMPLETED_PICKUP_ID);
  return request.fetch(url, { method: op.method, headers, data: op.body ? {} : undefined });
}

for (const op of OPERATIONS.filter((o) => o.permission)) {
  const permission = op.permission;
  test(`${name(op)} needs ${permission}, and nothing else`, async ({ request }) => {
    if (!permission) throw new Error("filtered to operations with a permission");
    const refused = await call(request, op, none);
    const b = await body(refused);
    expect([refused.status(), b.error?.code, b.error?.details?.permission]).toEqual([403, "permission_denied", permission]);
    expect(b.error.message).toContain(permission);

    const allowed = await call(request, op, only.get(permission) ?? {});
    expect([401, 403], `${await allowed.text()}`).not.toContain(allowed.status());
    expect(allowed.status()).toBeLessThan(500);
  });
}

test("the token operations without a permission answer any valid token", async ({ request }) => {
  for (const op of OPERATIONS.filter((o) => o.auth === "token" && !o.permission)) {
    // Its own token: DELETE /v1/auth/token revokes the token that calls it.
    const headers = auth(await login(request, tenant, "e2e-ops-none"), tenant);
    const response = await call(request, op, headers);
    expect(response.status(), `${name(op)}: ${await response.text()}`).toBe(op.success.status);
  }
});

test("the public operations answer without a token; the token one takes username and password", async ({ request }) => {
  // A leaked-token report authenticates by the scanner's signature instead: e2e/credential-policy.spec.ts signs its own.
  for (const op of OPERATIONS.filter((o) => o.auth !== "token" && o !== operations.reportLeakedTokens)) {
    const response =
      op.auth === "password"
        ? await request.fetch(op.path, {
            method: op.method,
            headers: { "X-Tenant": tenant },
            data: { username: "e2e-ops-none", password: E2E_API_PASSWORD },
          })
        : await call(request, op, {});
    expect(response.status(), `${name(op)}: ${await response.text()}`).toBe(op.success.status);
  }
});

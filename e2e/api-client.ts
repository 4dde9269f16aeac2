import { expect, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { E2E_API_PASSWORD } from "@/e2e/fixtures";
import { DEMO_TENANT, RIVAL_TENANT, signIn, tenantClientId } from "./helpers";

/** Client IDs the API specs need: the demo tenant's (from the dashboard), its customers' (from /v1/me), the rival tenant's. */
export interface ClientIds {
  tenant: string;
  customers: { client_id: string; name: string }[];
  rival: string;
}

// Per server: the PGlite and PostgreSQL projects have databases (and Client IDs) of their own.
const cached = new Map<string, Promise<ClientIds>>();

export function clientIds(browser: Browser, baseURL: string, request: APIRequestContext): Promise<ClientIds> {
  const known = cached.get(baseURL);
  if (known) return known;
  const ids = (async () => {
    const page = await browser.newPage({ baseURL });
    await signIn(page, "ADMIN", DEMO_TENANT);
    const tenant = await tenantClientId(page);
    await page.context().clearCookies();
    await signIn(page, "ADMIN", RIVAL_TENANT);
    const rival = await tenantClientId(page);
    await page.close();
    const token = await login(request, tenant, "e2e-api-wide");
    const me = await body(await request.get("/v1/me", { headers: auth(token, tenant) }));
    // In DEMO_TENANT.customers order: the fixtures bind users to customers by that list.
    const listed = (me.data.client_ids as { client_id: string; name: string; kind: string }[]).filter((c) => c.kind === "customer");
    const customers = DEMO_TENANT.customers.map((name) => {
      const found = listed.find((c) => c.name === name);
      if (!found) throw new Error(`GET /v1/me does not list the customer ${name}`);
      return { client_id: found.client_id, name: found.name };
    });
    return { tenant, customers, rival };
  })();
  cached.set(baseURL, ids);
  return ids;
}

export function auth(token: string, xTenant?: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...(xTenant !== undefined && { "X-Tenant": xTenant }) };
}

export async function login(
  request: APIRequestContext,
  xTenant: string,
  username: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await request.post("/v1/auth/token", {
    headers: { "X-Tenant": xTenant },
    data: { username, password: E2E_API_PASSWORD, ...extra },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).data.token;
}

// The envelope is loosely typed on purpose: the specs assert its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function body(response: APIResponse): Promise<any> {
  return JSON.parse(await response.text());
}

/** Status and error code in one value, so a failure shows both. */
export async function outcome(response: APIResponse): Promise<[number, string | undefined]> {
  const text = await response.text();
  try {
    return [response.status(), JSON.parse(text)?.error?.code];
  } catch {
    return [response.status(), `(not JSON) ${text.slice(0, 80)}`];
  }
}

/**
 * Resolves once the server has written every activity record queued before the call (its
 * queue flushes about every 250 ms, in order, a batch per transaction). The witness, an
 * API user other than the one under test, reads /v1/me until it sees its own first read
 * there: everything queued before that read is written by then. Asking as the user under
 * test instead would add its own reads to the activity being checked.
 */
export async function activityWritten(request: APIRequestContext, witness: Record<string, string>): Promise<void> {
  const since = Date.now();
  await expect
    .poll(
      async () => {
        const me = await body(await request.get("/v1/me", { headers: witness }));
        return (me.data.recent_activity as { action: string; at: string }[]).some(
          (e) => e.action === "me.read" && Date.parse(e.at) >= since,
        );
      },
      { timeout: 10_000, intervals: [100] },
    )
    .toBe(true);
}

import type { Environment, PrismaClient } from "@prisma/client";
import type { ActivityInput } from "@/lib/activity/events";
import { hashPassword } from "@/lib/auth/passwords";
import type { Permission } from "@/lib/credentials/permissions";
import { issueTokenSecret } from "@/lib/credentials/tokens";
import { writeApiCalls, type ApiCallRecord } from "@/lib/api/activity-queue";
import { DEMO_PASSWORD, DEMO_TENANT, memberEmail } from "@/prisma/seed/demo-accounts";
import type { SeededTenant } from "@/prisma/seed/tenant";

// The demo tenant's API users, so that a first `npm start` shows a dashboard in use: lists
// with users of both scopes, tokens of both environments in every state, a few weeks of
// calls (activity and the usage rollup) and the demo shipments credited to their users.
// No token string is kept anywhere: only its hash and hint, as for a real one.

interface DemoToken {
  name: string;
  environment: Environment;
  daysAgo: number;
  /** Hours since its last call; undefined: never used. */
  usedHoursAgo?: number;
  state?: "revoked" | "disabled";
}

interface DemoUser {
  username: string;
  /** undefined: tenant-wide; else the customer's name (DEMO_TENANT.customers). */
  customer?: string;
  email: string;
  permissions: Permission[];
  active?: boolean;
  rateLimit?: number;
  daysAgo: number;
  tokens: DemoToken[];
  /** API calls a day over the last two weeks (live tokens; a fifth as many with test ones). */
  callsPerDay: number;
}

const ALL: Permission[] = [
  "shipments:create",
  "shipments:read",
  "shipments:cancel",
  "tracking:read",
  "rates:quote",
  "labels:read",
  "services:list",
  "pickups:create",
  "pickups:read",
  "pickups:cancel",
];
const SHOP: Permission[] = ["shipments:create", "shipments:read", "tracking:read", "rates:quote", "labels:read", "services:list"];

export const DEMO_API_USERS: DemoUser[] = [
  {
    username: "hub-dispatch",
    email: "it@demo.courier",
    permissions: ALL,
    daysAgo: 60,
    rateLimit: 600,
    callsPerDay: 24,
    tokens: [
      { name: "Dispatch server", environment: "LIVE", daysAgo: 60, usedHoursAgo: 1 },
      { name: "Staging", environment: "TEST", daysAgo: 45, usedHoursAgo: 30 },
      { name: "Old dispatch server", environment: "LIVE", daysAgo: 90, state: "revoked" },
    ],
  },
  {
    username: "tracking-widget",
    email: "web@demo.courier",
    permissions: ["tracking:read", "services:list"],
    daysAgo: 40,
    callsPerDay: 12,
    tokens: [{ name: "Website widget", environment: "LIVE", daysAgo: 40, usedHoursAgo: 3 }],
  },
  {
    username: "legacy-erp",
    email: "erp@demo.courier",
    permissions: ["shipments:read", "tracking:read"],
    active: false,
    daysAgo: 120,
    callsPerDay: 0,
    tokens: [{ name: "ERP export", environment: "LIVE", daysAgo: 120, usedHoursAgo: 24 * 35 }],
  },
  {
    username: "northwind-shop",
    customer: "Northwind Outfitters",
    email: "dev@northwind.example",
    permissions: SHOP,
    daysAgo: 30,
    callsPerDay: 16,
    tokens: [
      { name: "Shop plugin", environment: "LIVE", daysAgo: 30, usedHoursAgo: 2 },
      { name: "Sandbox", environment: "TEST", daysAgo: 30, usedHoursAgo: 5 },
    ],
  },
  {
    username: "northwind-returns",
    customer: "Northwind Outfitters",
    email: "returns@northwind.example",
    permissions: ["shipments:create", "labels:read"],
    daysAgo: 9,
    callsPerDay: 0,
    tokens: [{ name: "Returns portal (test)", environment: "TEST", daysAgo: 9 }],
  },
  {
    username: "blueharbor-wms",
    customer: "Blue Harbor Books",
    email: "wms@blueharbor.example",
    permissions: [...SHOP, "pickups:create", "pickups:read"],
    daysAgo: 21,
    callsPerDay: 8,
    tokens: [
      { name: "Warehouse system", environment: "LIVE", daysAgo: 21, usedHoursAgo: 6 },
      { name: "Night batch", environment: "LIVE", daysAgo: 14, usedHoursAgo: 24 * 4, state: "disabled" },
    ],
  },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One API call of the demo: what the pipeline (lib/api/route.ts) writes for it. */
const CALLS = [
  { action: "shipments.create", method: "POST", path: "/v1/shipments", status: 201 },
  { action: "shipments.read", method: "GET", path: "/v1/shipments", status: 200 },
  { action: "tracking.read", method: "GET", path: "/v1/shipments/track", status: 200 },
  { action: "rates.read", method: "POST", path: "/v1/rates", status: 200 },
  { action: "services.list", method: "GET", path: "/v1/services", status: 200 },
  { action: "shipments.create", method: "POST", path: "/v1/shipments", status: 422 },
  { action: "tracking.read", method: "GET", path: "/v1/shipments/track", status: 404 },
  { action: "rates.read", method: "POST", path: "/v1/rates", status: 429 },
] as const;

/** Seeds DEMO_API_USERS into the freshly seeded demo tenant (db-prepare --seed on an empty database). */
export async function seedDemoApiUsers(prisma: PrismaClient, tenant: SeededTenant, now = Date.now()): Promise<void> {
  const owner = memberEmail("OWNER", DEMO_TENANT);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const events: ActivityInput[] = [];
  const calls: ApiCallRecord[] = [];
  const userOfCustomer = new Map<string | null, string>();
  for (const [u, spec] of DEMO_API_USERS.entries()) {
    const customer = spec.customer === undefined ? null : tenant.customers.find((c) => c.name === spec.customer);
    if (customer === undefined) throw new Error(`No customer named ${spec.customer}`);
    const customerId = customer?.id ?? null;
    const created = new Date(now - spec.daysAgo * DAY);
    const user = await prisma.apiUser.create({
      data: {
        tenantId: tenant.id,
        customerId,
        username: spec.username,
        usernameLower: spec.username.toLowerCase(),
        passwordHash,
        email: spec.email,
        permissions: spec.permissions,
        active: spec.active ?? true,
        rateLimit: spec.rateLimit ?? null,
        createdAt: created,
      },
    });
    if (!userOfCustomer.has(customerId)) userOfCustomer.set(customerId, user.id);
    const change = { tenantId: tenant.id, customerId, apiUserId: user.id, actor: owner, ip: "203.0.113.10" };
    events.push({
      ...change,
      action: "api_user.create",
      createdAt: created,
      details: { username: spec.username, permissions: spec.permissions },
    });
    if (spec.active === false) {
      events.push({ ...change, action: "api_user.deactivate", createdAt: new Date(now - 30 * DAY), details: { username: spec.username } });
    }
    for (const [t, token] of spec.tokens.entries()) {
      const secret = issueTokenSecret(token.environment);
      const issued = new Date(now - token.daysAgo * DAY + t * 60_000);
      const lastUsedAt = token.usedHoursAgo === undefined ? null : new Date(now - token.usedHoursAgo * HOUR);
      const row = await prisma.apiToken.create({
        data: {
          tenantId: tenant.id,
          apiUserId: user.id,
          name: token.name,
          tokenHash: secret.tokenHash,
          hint: secret.hint,
          environment: token.environment,
          createdAt: issued,
          lastUsedAt,
          lastUsedIp: lastUsedAt ? `198.51.100.${20 + u}` : null,
          revokedAt: token.state === "revoked" ? new Date(now - 59 * DAY) : null,
          disabledAt: token.state === "disabled" ? new Date(now - 3 * DAY) : null,
        },
      });
      const details = { username: spec.username, name: token.name, hint: secret.hint, environment: token.environment };
      events.push({ ...change, apiTokenId: row.id, action: "token.issue", createdAt: issued, details });
      if (token.state === "revoked")
        events.push({ ...change, apiTokenId: row.id, action: "token.revoke", createdAt: new Date(now - 59 * DAY), details });
      if (token.state === "disabled")
        events.push({ ...change, apiTokenId: row.id, action: "token.disable", createdAt: new Date(now - 3 * DAY), details });
      // Calls over the last two weeks, up to the token's last use; test tokens call less.
      const perDay = token.environment === "TEST" ? Math.ceil(spec.callsPerDay / 5) : spec.callsPerDay;
      if (!lastUsedAt || token.state === "revoked" || perDay === 0) continue;
      for (let i = 0; i < perDay * 14; i++) {
        const at = new Date(lastUsedAt.getTime() - Math.floor((i * DAY) / perDay) - (i % 7) * 60_000);
        if (at.getTime() < issued.getTime()) break;
        const call = CALLS[(i * 5 + u) % CALLS.length] ?? CALLS[0];
        calls.push({
          event: { ...change, apiTokenId: row.id, actor: spec.username, ...call, ip: `198.51.100.${20 + u}`, createdAt: at },
        });
      }
    }
  }
  await prisma.activityEvent.createMany({ data: events });
  // The calls go through the API's own writer, so their usage rollup is what serving them would have made.
  for (let i = 0; i < calls.length; i += 1_000) await writeApiCalls(calls.slice(i, i + 1_000));
  // The demo shipments were booked through the API: each by its customer's first user (or a tenant-wide one).
  for (const [customerId, apiUserId] of userOfCustomer) {
    await prisma.shipment.updateMany({ where: { tenantId: tenant.id, customerId, apiUserId: null }, data: { apiUserId } });
  }
}

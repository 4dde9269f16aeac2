import { DEMO_TENANT } from "@/prisma/seed/demo-accounts";
import type { Permission } from "@/lib/credentials/permissions";
import { PERMISSION_KEYS } from "@/lib/credentials/permissions";

/**
 * API users the end-to-end tests sign in with (POST /v1/auth/token), seeded by
 * `db-prepare --fixtures` into the demo tenant (prisma/seed/e2e-api-users.ts). The e2e server's PGlite is one process,
 * so tests cannot write fixtures into it themselves. Give each spec users of its own:
 * rate limits, revocations and lockouts must not leak between specs.
 */
export const E2E_API_PASSWORD = "e2e-password";

export interface E2eApiUser {
  username: string;
  /** The customer's name (one of DEMO_TENANT.customers); undefined for a tenant-wide user. */
  customer?: string;
  permissions: readonly Permission[];
  rateLimit?: number;
  active?: boolean;
}

const ALL = PERMISSION_KEYS;
const GENEROUS = 100_000;

export const E2E_API_USERS: E2eApiUser[] = [
  { username: "e2e-tenant", permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-customer-a", customer: DEMO_TENANT.customers[0], permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-customer-b", customer: DEMO_TENANT.customers[1], permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-services-only", permissions: ["services:list"], rateLimit: GENEROUS },
  { username: "e2e-inactive", permissions: ALL, active: false },
  // e2e/api-auth.spec.ts, e2e/api-pipeline.spec.ts (issue 4)
  { username: "e2e-api-wide", permissions: ["services:list"], rateLimit: GENEROUS },
  { username: "e2e-api-customer", customer: DEMO_TENANT.customers[0], permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-api-login", permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-api-limited", permissions: [], rateLimit: 60 },
  { username: "e2e-api-headers", permissions: [], rateLimit: 1000 },
  { username: "e2e-api-lockout", permissions: [] },
  { username: "e2e-api-revoke", permissions: [], rateLimit: GENEROUS },
  { username: "e2e-api-dashboard", permissions: ["services:list", "shipments:read"], rateLimit: GENEROUS },
  // e2e/api-couriers.spec.ts (issue 5): customer A has the linked contract rate table, B the default
  { username: "e2e-courier-tenant", permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-courier-a", customer: DEMO_TENANT.customers[0], permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-courier-b", customer: DEMO_TENANT.customers[1], permissions: ALL, rateLimit: GENEROUS },
  {
    username: "e2e-courier-reader",
    customer: DEMO_TENANT.customers[0],
    permissions: ["shipments:read", "services:list"],
    rateLimit: GENEROUS,
  },
  // e2e/shipments.spec.ts (issue 10 B): shipments on the dashboard, and a usage chart with a rate-limited call
  { username: "e2e-shipments-wide", permissions: ALL, rateLimit: GENEROUS },
  { username: "e2e-shipments-usage", permissions: ["services:list", "shipments:read"], rateLimit: 3 },
  // e2e/carrier-auths.spec.ts (issue 11): its registered carrier auths
  { username: "e2e-carrier-auths", permissions: ["services:list"], rateLimit: GENEROUS },
  // e2e/endpoint-reference.spec.ts: runs every example of the Endpoint reference (in test mode)
  { username: "e2e-reference", permissions: ALL, rateLimit: GENEROUS },
  // e2e/fuzz.spec.ts: random requests against every operation, in both environments
  { username: "e2e-fuzz", permissions: ALL, rateLimit: GENEROUS },
  // e2e/api-operations.spec.ts: no permission at all, and each permission alone (e2e-only-shipments-read, ...)
  { username: "e2e-ops-none", permissions: [], rateLimit: GENEROUS },
  ...ALL.map((permission): E2eApiUser => ({
    username: `e2e-only-${permission.replace(":", "-")}`,
    permissions: [permission],
    rateLimit: GENEROUS,
  })),
];

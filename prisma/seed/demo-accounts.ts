import type { Role } from "@prisma/client";

// Plain data, no imports with side effects: the end-to-end tests read it too.

export const DEMO_PASSWORD = "courier-demo";

export const ROLES: Role[] = ["OWNER", "ADMIN", "DEVELOPER", "READ_ONLY"];

export interface TenantSpec {
  name: string;
  emailDomain: string;
  customers: string[];
}

export const DEMO_TENANT: TenantSpec = {
  name: "Demo Courier",
  emailDomain: "demo.courier",
  customers: ["Northwind Outfitters", "Blue Harbor Books", "Atlas Home Goods"],
};

// A second, unrelated tenant: the end-to-end tests use it to prove tenant isolation.
export const RIVAL_TENANT: TenantSpec = {
  name: "Rival Parcels",
  emailDomain: "rival.parcels",
  customers: ["Rival Customer"],
};

// Tenants of the team and two-factor specs alone (e2e/team.spec.ts, e2e/two-factor.spec.ts):
// they invite, remove and lock members, which must not change what other specs count.
export const TEAM_TENANT: TenantSpec = { name: "Team Parcels", emailDomain: "team-parcels.example", customers: ["Team Customer"] };
export const TWO_FACTOR_TENANT: TenantSpec = {
  name: "Two-Factor Freight",
  emailDomain: "two-factor-freight.example",
  customers: ["2FA Customer"],
};

export function memberEmail(role: Role, tenant: TenantSpec): string {
  return `${role.toLowerCase().replace("_", "-")}@${tenant.emailDomain}`;
}

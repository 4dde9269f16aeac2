import type { Environment } from "@prisma/client";
import type { Permission } from "@/lib/credentials/permissions";

/**
 * What the data functions of the public API see: whose data, and which environment.
 * `customerId` null means the whole tenant (a tenant-wide user naming the tenant's own
 * Client ID). Objects made with a test token are invisible to live tokens and back.
 */
export interface ApiScope {
  tenantId: string;
  customerId: string | null;
  environment: Environment;
}

/** The verified caller of one /api/v1 request (built by lib/api/route.ts). */
export interface ApiContext {
  requestId: string;
  ip: string | null;
  scope: ApiScope;
  tenant: { id: string; clientId: string; name: string };
  apiUser: {
    id: string;
    username: string;
    /** The customer the user is bound to; null for a tenant-wide user. */
    customerId: string | null;
    permissions: Permission[];
    rateLimit: number;
  };
  token: { id: string; environment: Environment };
}

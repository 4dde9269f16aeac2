import type { PrismaClient, Role } from "@prisma/client";
import { newClientId } from "@/lib/tenants/client-ids";
import { DEMO_PASSWORD, ROLES, memberEmail, type TenantSpec } from "@/prisma/seed/demo-accounts";
import { hashPassword } from "@/lib/auth/passwords";

export { DEMO_TENANT, RIVAL_TENANT } from "@/prisma/seed/demo-accounts";

export interface SeededTenant {
  id: string;
  name: string;
  clientId: string;
  customers: { id: string; name: string; clientId: string }[];
  members: { email: string; role: Role; password: string }[];
}

/** Creates the tenant with its customers and one member per role, unless it exists. */
export async function seedTenant(prisma: PrismaClient, spec: TenantSpec): Promise<SeededTenant> {
  const include = { customers: { orderBy: { name: "asc" as const } } };
  const tenant =
    (await prisma.tenant.findFirst({ where: { name: spec.name }, include })) ??
    (await prisma.tenant.create({
      data: {
        name: spec.name,
        clientId: newClientId(),
        customers: { create: spec.customers.map((name) => ({ name, clientId: newClientId() })) },
        members: {
          create: await Promise.all(
            ROLES.map(async (role) => ({
              role,
              email: memberEmail(role, spec),
              name: `${spec.name} ${role.toLowerCase().replace("_", "-")}`,
              passwordHash: await hashPassword(DEMO_PASSWORD),
            })),
          ),
        },
      },
      include,
    }));
  return {
    id: tenant.id,
    name: tenant.name,
    clientId: tenant.clientId,
    customers: tenant.customers.map((c) => ({ id: c.id, name: c.name, clientId: c.clientId })),
    members: ROLES.map((role) => ({ role, email: memberEmail(role, spec), password: DEMO_PASSWORD })),
  };
}

import type { PrismaClient } from "@prisma/client";
import { E2E_API_PASSWORD, E2E_API_USERS } from "@/e2e/fixtures";
import { hashPassword } from "@/lib/auth/passwords";

/** The end-to-end tests' API users (e2e/fixtures.ts) in the demo tenant; `db-prepare --fixtures`. */
export async function seedE2eApiUsers(prisma: PrismaClient, tenantId: string, customers: { id: string; name: string }[]): Promise<void> {
  const passwordHash = await hashPassword(E2E_API_PASSWORD);
  for (const user of E2E_API_USERS) {
    const usernameLower = user.username.toLowerCase();
    const exists = await prisma.apiUser.findUnique({ where: { tenantId_usernameLower: { tenantId, usernameLower } } });
    if (exists) continue;
    const customer = user.customer === undefined ? null : customers.find((c) => c.name === user.customer);
    if (customer === undefined) throw new Error(`No customer named ${user.customer}`);
    await prisma.apiUser.create({
      data: {
        tenantId,
        customerId: customer?.id ?? null,
        username: user.username,
        usernameLower,
        passwordHash,
        permissions: [...user.permissions],
        rateLimit: user.rateLimit ?? null,
        active: user.active ?? true,
      },
    });
  }
}

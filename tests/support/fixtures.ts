import { randomBytes } from "node:crypto";
import type { Role } from "@prisma/client";
import { newClientId } from "@/lib/tenants/client-ids";
import { db } from "@/lib/db";

/** A tenant of the test's own, with one customer and one member per role. */
export async function makeTenant(name = `Test ${randomBytes(4).toString("hex")}`) {
  const prisma = await db();
  const suffix = randomBytes(4).toString("hex");
  const roles: Role[] = ["OWNER", "ADMIN", "DEVELOPER", "READ_ONLY"];
  return prisma.tenant.create({
    data: {
      name,
      clientId: newClientId(),
      customers: { create: [{ name: `${name} customer`, clientId: newClientId() }] },
      members: {
        // The hash is never verified in these tests; a real hash would cost 50 ms each.
        create: roles.map((role) => ({ role, email: `${role.toLowerCase()}-${suffix}@test.example`, name: role, passwordHash: "unused" })),
      },
    },
    include: { customers: true, members: true },
  });
}

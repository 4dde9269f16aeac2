import type { PrismaClient } from "@prisma/client";
import type { SeededTenant } from "@/lib/seed";

/** Services, rate tables, shipments and pickups for the demo tenant (courier-API issue). */
export async function seedCourierData(_prisma: PrismaClient, _tenant: SeededTenant): Promise<void> {}

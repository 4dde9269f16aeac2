import "server-only";
import { PrismaClient } from "@prisma/client";
import { createDriver, type DriverOptions, type SqlDriver } from "./driver";
import { isDatabaseUnavailable } from "./errors";
import { migrate, unappliedMigrations } from "./migrate";
import { env } from "@/lib/server/env";

interface Database {
  driver: SqlDriver;
  prisma: PrismaClient;
}

// One per process; kept on globalThis so `next dev` reloads don't open a second PGlite.
const holder = globalThis as unknown as { courierDatabase?: Promise<Database> };

export function databaseOptions(): DriverOptions {
  const { DATABASE_URL, PGLITE_DIR } = env();
  return { url: DATABASE_URL, dataDir: PGLITE_DIR };
}

async function open(): Promise<Database> {
  const driver = await createDriver(databaseOptions());
  await migrate(driver);
  return { driver, prisma: new PrismaClient({ adapter: driver.adapter }) };
}

/** The database, opened and migrated on first use (never at import: `next build` imports). */
export function database(): Promise<Database> {
  holder.courierDatabase ??= open().catch((error: unknown) => {
    holder.courierDatabase = undefined;
    throw error;
  });
  return holder.courierDatabase;
}

export async function db(): Promise<PrismaClient> {
  return (await database()).prisma;
}

export interface Readiness {
  database: "reachable" | "unreachable";
  /** "unknown" while the database cannot be asked. */
  migrations: "applied" | "pending" | "unknown";
}

/**
 * Whether the app can serve: the database answers, and every migration of this build is
 * applied (another instance may be migrating, or this build is newer than the database).
 * GET /v1/health answers from it.
 */
export async function readiness(): Promise<Readiness> {
  try {
    const { driver } = await database();
    const pending = await unappliedMigrations(driver);
    return { database: "reachable", migrations: pending.length ? "pending" : "applied" };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { database: "unreachable", migrations: "unknown" };
  }
}

export async function closeDatabase(): Promise<void> {
  const current = holder.courierDatabase;
  holder.courierDatabase = undefined;
  if (!current) return;
  const { prisma, driver } = await current;
  await prisma.$disconnect();
  await driver.close();
}

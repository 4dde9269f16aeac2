import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlDriver, SqlSession } from "./driver";

// Any constant will do; it only has to be the same for every instance of the app.
const MIGRATION_LOCK = 720_913_001;

export class MigrationError extends Error {}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

// Prisma's own bookkeeping table, so `prisma migrate status` agrees with this runner.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction, and records them in
 * `_prisma_migrations` as Prisma does. Safe to run from several instances at once: on
 * PostgreSQL they queue on an advisory lock. Returns the names it applied.
 */
export async function migrate(driver: SqlDriver, dir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return driver.withSession(async (session) => {
    const locked = driver.kind === "postgres";
    if (locked) await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      return await applyPending(session, migrations);
    } finally {
      if (locked) await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

let expectedNames: Promise<string[]> | undefined;

/**
 * The migrations of `prisma/migrations` the database has not finished applying (the health
 * check's "migrations applied"): one query; the folder is read once per process.
 */
export async function unappliedMigrations(driver: SqlDriver, dir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  expectedNames ??= readdir(dir, { withFileTypes: true }).then((entries) =>
    entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort(),
  );
  const names = await expectedNames;
  const rows = await driver.withSession((session) =>
    session.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    ),
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return names.filter((name) => !applied.has(name));
}

async function applyPending(session: SqlSession, migrations: Migration[]): Promise<string[]> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await session.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row]));
  const done: string[] = [];
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row) {
      if (!row.finished_at) {
        throw new MigrationError(`Migration ${migration.name} started earlier and never finished; resolve it by hand.`);
      }
      if (row.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was edited after it was applied (checksum differs). ` +
            `Restore the applied file and add a new migration instead.`,
        );
      }
      continue;
    }
    await session.transaction(async (tx) => {
      const startedAt = new Date();
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
    });
    done.push(migration.name);
  }
  // New tables and indexes start with no statistics, and PGlite runs no autovacuum to
  // gather them: without this the planner takes every table for empty (issue 18).
  if (done.length) await session.exec("ANALYZE");
  return done;
}

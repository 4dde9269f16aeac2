import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/lib/db";
import type { SqlDriver } from "@/lib/db/driver";
import { migrate, MigrationError, readMigrations } from "@/lib/db/migrate";

const migrationsDir = path.join(process.cwd(), "prisma", "migrations");

describe("migration runner", () => {
  let driver: SqlDriver;
  beforeAll(async () => {
    driver = (await database()).driver;
  });

  it("has applied every migration and records them as Prisma does", async () => {
    const expected = await readMigrations(migrationsDir);
    const rows = await driver.withSession((s) =>
      s.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
        `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(expected.map((m) => [m.name, m.checksum]));
    for (const row of rows) {
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).not.toBeNull();
    }
  });

  it("applies nothing the second time", async () => {
    expect(await migrate(driver, migrationsDir)).toEqual([]);
  });

  it("creates the tables and indexes of the schema", async () => {
    const tables = await driver.withSession((s) =>
      s.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`),
    );
    const names = tables.map((t) => t.tablename);
    for (const table of ["Tenant", "Member", "Customer", "ApiUser", "ApiToken", "ActivityEvent"]) expect(names).toContain(table);
    const indexes = await driver.withSession((s) =>
      s.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`),
    );
    const indexNames = indexes.map((i) => i.indexname);
    expect(indexNames).toContain("ApiToken_tokenHash_key");
    expect(indexNames).toContain("ApiUser_tenantId_usernameLower_key");
    expect(indexNames).toContain("ActivityEvent_tenantId_environment_createdAt_id_idx");
  });

  describe("with a migration edited after it was applied", () => {
    it("refuses to go on, naming the migration", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
      await cp(migrationsDir, dir, { recursive: true });
      const [first] = await readMigrations(dir);
      if (!first) throw new Error("no migrations");
      await writeFile(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
      await expect(migrate(driver, dir)).rejects.toThrow(MigrationError);
      await expect(migrate(driver, dir)).rejects.toThrow(first.name);
    });
  });
});

import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/**
 * pglite-prisma-adapter 0.6.1 as the Prisma CLI needs it: PGlite is opened lazily (the
 * config is loaded by `prisma -v` at install time, and an open PGlite keeps that process
 * alive), scripts are awaited (the adapter drops their errors), and parameterless raw
 * statements run as scripts (the shadow-database replay sends whole migrations through
 * executeRaw, which PGlite would prepare and refuse).
 */
export function pgliteCliAdapter(dataDir: string): SqlMigrationAwareDriverAdapterFactory {
  const open = async (dir: string) => {
    if (!dir.includes("://")) mkdirSync(dir, { recursive: true });
    const pglite = new PGlite(dir);
    return fixed(await new PrismaPGlite(pglite).connect(), pglite);
  };
  return {
    provider: "postgres",
    adapterName: "pglite-cli",
    connect: () => open(dataDir),
    connectToShadowDb: () => open("memory://"),
  };
}

function fixed(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  return Object.assign(adapter, {
    executeScript: async (script: string) => {
      await pglite.exec(script);
    },
    executeRaw: async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
      if (query.args.length > 0) return executeRaw(query);
      await pglite.exec(query.sql);
      return 0;
    },
    dispose: async () => {
      await pglite.close();
    },
  });
}

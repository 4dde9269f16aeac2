import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlDriver, SqlSession } from "./driver";

export function createPgliteDriver(dataDir: string): SqlDriver {
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  return {
    kind: "pglite",
    adapter: new PrismaPGlite(pglite),
    // PGlite is one connection: every session is that connection.
    withSession: (fn) => fn(pgliteSession(pglite)),
    close: () => pglite.close(),
  };
}

function pgliteSession(db: PGlite): SqlSession {
  return {
    ...queries(db),
    transaction: (fn) => db.transaction((tx) => fn(queries(tx))),
  };
}

function queries(db: PGlite | Transaction) {
  return {
    exec: async (script: string) => {
      await db.exec(script);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
  };
}

import "server-only";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** One connection's worth of raw SQL: what the migration runner needs beyond Prisma. */
export interface SqlSession {
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs fn in one transaction on this connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Omit<SqlSession, "transaction">) => Promise<T>): Promise<T>;
}

/** The database under the app: PGlite in-process, or PostgreSQL through a pool. */
export interface SqlDriver {
  kind: "pglite" | "postgres";
  adapter: SqlDriverAdapterFactory;
  /** Holds one connection for the whole of fn (session-level locks need that). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DriverOptions {
  /** postgres://... selects PostgreSQL; otherwise PGlite. */
  url?: string;
  /** PGlite data folder, or memory:// for a throwaway database. */
  dataDir: string;
}

export async function createDriver(options: DriverOptions): Promise<SqlDriver> {
  if (options.url) {
    const { createPostgresDriver } = await import("./postgres");
    return createPostgresDriver(options.url);
  }
  const { createPgliteDriver } = await import("./pglite");
  return createPgliteDriver(options.dataDir);
}

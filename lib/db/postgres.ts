import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/server/env";
import type { SqlDriver, SqlSession } from "./driver";

export function createPostgresDriver(url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_SIZE });
  return {
    kind: "postgres",
    adapter: new PrismaPg(pool),
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(clientSession(client));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function clientSession(client: pg.PoolClient): SqlSession {
  const session = {
    exec: async (script: string) => {
      await client.query(script);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[],
  };
  return {
    ...session,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const result = await fn(session);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };
}

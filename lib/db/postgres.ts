import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/server/env";
import { resilientPool } from "./pool";
import type { SqlDriver, SqlSession } from "./driver";

export function createPostgresDriver(url: string): SqlDriver {
  const pool = resilientPool(url, env().DATABASE_POOL_SIZE, "app");
  return {
    kind: "postgres",
    adapter: new PrismaPg(pool),
    async withSession(fn) {
      const client = await pool.connect();
      // A connection lost between two queries of the session is emitted on the client, not
      // thrown: keep it (the next query fails anyway) and discard the connection on release.
      let lost: Error | undefined;
      const onError = (error: Error) => (lost = error);
      client.on("error", onError);
      try {
        return await fn(clientSession(client));
      } finally {
        client.off("error", onError);
        client.release(lost);
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

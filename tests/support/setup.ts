import { afterAll } from "vitest";
import { closeDatabase } from "@/lib/db";

// Each test file gets its own in-memory PGlite unless DATABASE_URL points at PostgreSQL
// (then files share it, and each test makes its own tenant).
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";

afterAll(async () => {
  await closeDatabase();
});

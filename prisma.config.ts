import { defineConfig } from "prisma/config";
import { pgliteCliAdapter } from "./prisma/pglite-cli-adapter";

// For authoring migrations (`npm run db:new-migration -- NAME`) on a scratch PGlite
// folder. The app never runs the Prisma CLI: lib/db/migrate.ts applies migrations.
export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => {
    if (process.env.DATABASE_URL) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: process.env.DATABASE_URL });
    }
    return pgliteCliAdapter(process.env.PGLITE_DIR ?? "./data/prisma-cli");
  },
});

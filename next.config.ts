import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its .wasm/.data files from its own package folder at run time, and
  // argon2 ships a native binary: neither may be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "bwip-js"],
  poweredByHeader: false,
  // Lets several builds live side by side (parallel test runs in one checkout).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async rewrites() {
    // The public API answers on /v1/... as well as /api/v1/...
    return [{ source: "/v1/:path*", destination: "/api/v1/:path*" }];
  },
};

export default nextConfig;

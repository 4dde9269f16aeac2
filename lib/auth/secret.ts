import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/server/env";

let cached: string | undefined;

/**
 * NEXTAUTH_SECRET when set; otherwise one generated on first use and kept in
 * ./data/auth-secret (0600), so a fresh clone runs with no .env and sessions survive a
 * restart. Read lazily: `next build` must not create it.
 */
export function authSecret(): string {
  if (cached) return cached;
  const { NEXTAUTH_SECRET, DATA_DIR: dir } = env();
  if (NEXTAUTH_SECRET) return (cached = NEXTAUTH_SECRET);
  const file = path.join(dir, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      cached = secret;
    } catch {
      // Another process wrote it first: use theirs.
      cached = readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}

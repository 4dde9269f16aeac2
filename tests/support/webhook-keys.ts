import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, vi } from "vitest";
import { db } from "@/lib/db";
import { resetKeyring } from "@/lib/secrets";
import { resetEnv } from "@/lib/server/env";

/**
 * For a test file that makes webhook endpoints: keys of the file's own (PostgreSQL needs
 * configured keys), private receiver addresses allowed, and the endpoints it made (the ids
 * it adds to the returned set) removed at the end, so no later run's worker meets a secret
 * under a key it does not have.
 */
export function webhookTestKeys(): Set<string> {
  const endpointIds = new Set<string>();
  beforeAll(() => {
    vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "1");
    vi.stubEnv("SECRET_KEYS", `webhooks:${randomBytes(32).toString("base64")}`);
    vi.stubEnv("SECRET_KEY_CURRENT", "");
    resetEnv();
    resetKeyring();
  });
  // Opening (and migrating) the worker's database is the slow part on a busy machine: not a test's.
  beforeAll(async () => {
    await db();
  }, 180_000);
  afterAll(async () => {
    const prisma = await db();
    await prisma.webhookEndpoint.deleteMany({ where: { id: { in: [...endpointIds] } } });
    vi.unstubAllEnvs();
    resetEnv();
    resetKeyring();
  });
  return endpointIds;
}

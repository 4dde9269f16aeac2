import { NextRequest } from "next/server";
import type { Environment } from "@prisma/client";
import { ActivityQueue, writeApiCalls } from "@/lib/api/activity-queue";
import { createTokenLookup, TokenCache, type TokenChangeFeed } from "@/lib/api/credentials";
import { createPipeline } from "@/lib/api/route";
import { database, db } from "@/lib/db";
import { createRateLimiter } from "@/lib/rate-limit";
import type { Permission } from "@/lib/credentials/permissions";
import { issueTokenSecret } from "@/lib/credentials/tokens";
import { makeTenant } from "./fixtures";

/** A tenant of its own with an API user (tenant-wide unless `customer`) and one token. */
export async function apiCaller(
  options: { permissions?: Permission[]; rateLimit?: number; customer?: boolean; environment?: Environment } = {},
) {
  const prisma = await db();
  const tenant = await makeTenant();
  const customer = tenant.customers[0]!;
  const user = await prisma.apiUser.create({
    data: {
      tenantId: tenant.id,
      customerId: options.customer ? customer.id : null,
      username: `user-${tenant.id.slice(-6)}`,
      usernameLower: `user-${tenant.id.slice(-6)}`,
      passwordHash: "unused",
      permissions: options.permissions ?? ["shipments:read"],
      rateLimit: options.rateLimit ?? null,
    },
  });
  const secret = issueTokenSecret(options.environment ?? "LIVE");
  const token = await prisma.apiToken.create({
    data: {
      tenantId: tenant.id,
      apiUserId: user.id,
      tokenHash: secret.tokenHash,
      hint: secret.hint,
      environment: options.environment ?? "LIVE",
    },
  });
  return { tenant, customer, user, token, plain: secret.token as string };
}

export function apiRequest(path: string, headers: Record<string, string> = {}, init: { method?: string; body?: string } = {}) {
  return new NextRequest(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { "x-courier-peer": "203.0.113.7", ...headers },
    body: init.body,
  });
}

export const noParams = { params: Promise.resolve({}) } as { params: Promise<Record<string, never>> };

export async function envelope(response: Response): Promise<[number, string | undefined]> {
  const body = await response.json();
  return [response.status, body.ok ? undefined : body.error.code];
}

/**
 * A pipeline of the test's own, as the app builds its one: the token lookup (cache off
 * unless tokenCacheMs, subscribed to credentialsChanged when on, or to `feed` when it plays
 * another instance), the configured limiter
 * store, its own activity queue (await `queue.flush()` instead of waiting for its timer).
 * close() when done.
 */
export function testPipeline(options: { tokenCacheMs?: number; feed?: TokenChangeFeed } = {}) {
  const tokens = createTokenLookup(new TokenCache(options.tokenCacheMs ?? 0), options.feed);
  const limiter = createRateLimiter();
  const queue = new ActivityQueue(writeApiCalls);
  return {
    ...createPipeline({ tokens, limiter, queue }),
    tokens,
    queue,
    async close() {
      tokens.stop();
      await queue.flush();
      await limiter.close();
    },
  };
}

/** Records the SQL sent through the driver (the token lookup, the PostgreSQL limiter) while fn runs. */
export async function driverQueries<T>(fn: () => Promise<T>): Promise<string[]> {
  const { driver } = await database();
  const original = driver.withSession;
  const sent: string[] = [];
  driver.withSession = (use) =>
    original((session) =>
      use({
        ...session,
        query: (sql, params) => {
          sent.push(sql);
          return session.query(sql, params);
        },
      }),
    );
  try {
    await fn();
  } finally {
    driver.withSession = original;
  }
  return sent;
}

export const tokenLookups = (sql: string[]) => sql.filter((q) => q.includes('FROM "ApiToken"')).length;

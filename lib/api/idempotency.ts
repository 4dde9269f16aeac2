import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { ApiContext } from "@/lib/api/context";
import { readBoundedText } from "@/lib/api/input";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/server/errors";

/**
 * `Idempotency-Key` for POST endpoints, per API user and environment. The key is claimed first (a row with
 * responseStatus 0, "in progress") under the unique (apiUserId, key) index, so of two
 * concurrent requests with one key only one runs; the other waits for its result. A
 * success (2xx) is stored and returned again for the same key and body, with
 * `Idempotent-Replayed: true`; the same key with another body or endpoint is 422
 * `idempotency_key_reused`. An error is not stored (the claim is released), so a retry
 * after fixing a 422 or after a 5xx runs again, as with Stripe.
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
const IN_PROGRESS = 0;
const WAIT_MS = 10_000;
const POLL_MS = 100;
/** A claim this old belongs to a request that died; it may be taken over. */
const ABANDONED_MS = 60_000;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The same JSON with keys in another order or other whitespace is the same body. */
export function requestHash(method: string, path: string, body: string): string {
  let normal = body;
  try {
    normal = JSON.stringify(canonical(JSON.parse(body)));
  } catch {
    // Not JSON: compare the text as sent (the handler answers 400 anyway).
  }
  return createHash("sha256").update(`${method} ${path}\n${normal}`).digest("hex");
}

function replay(row: { responseStatus: number; responseBody: Prisma.JsonValue }): Response {
  // The body is kept as its JSON text (a jsonb string): jsonb would reorder an object's keys.
  const text = typeof row.responseBody === "string" ? row.responseBody : JSON.stringify(row.responseBody);
  return new Response(text, { status: row.responseStatus, headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" } });
}

/** Who calls: keys belong to the API user, within the token's environment. */
export type IdempotencyCaller = Pick<ApiContext, "apiUser" | "scope">;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `run` at most once per (API user, key). `run` receives a fresh Request with the same
 * body, since this one's body has been read to hash it.
 */
export async function idempotent(
  request: Request,
  caller: IdempotencyCaller,
  run: (request: Request) => Promise<Response>,
): Promise<Response> {
  const given = request.headers.get(IDEMPOTENCY_HEADER);
  if (given === null) return run(request);
  const key = given;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError("validation_failed", "The Idempotency-Key header is not valid.", {
      fields: { "header.Idempotency-Key": ["1–255 visible ASCII characters, e.g. a UUID."] },
    });
  }
  const method = request.method.toUpperCase();
  const path = new URL(request.url).pathname.replace(/^\/api(?=\/v1\/)/, "");
  const body = await readBoundedText(request);
  const apiUserId = caller.apiUser.id;
  const { environment, customerId } = caller.scope;
  // Live and test keys are separate worlds; the same key for another customer (a
  // tenant-wide user switching X-Tenant) is another request, so it counts as reuse.
  const storedKey = `${environment.toLowerCase()}:${key}`;
  const hash = requestHash(method, `${path} ${customerId ?? "tenant"}`, body);
  const prisma = await db();

  const claim = async () => {
    try {
      return await prisma.idempotencyKey.create({
        data: { apiUserId, key: storedKey, method, path, requestHash: hash, responseStatus: IN_PROGRESS, responseBody: {} },
        select: { id: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  };

  let claimed = await claim();
  const deadline = Date.now() + WAIT_MS;
  while (!claimed) {
    const existing = await prisma.idempotencyKey.findUnique({ where: { apiUserId_key: { apiUserId, key: storedKey } } });
    if (!existing) {
      // Released by a failed first attempt: try to take it.
      claimed = await claim();
      continue;
    }
    if (existing.requestHash !== hash) {
      throw new AppError("idempotency_key_reused");
    }
    if (existing.responseStatus !== IN_PROGRESS) return replay(existing);
    if (Date.now() - existing.createdAt.getTime() > ABANDONED_MS) {
      await prisma.idempotencyKey.deleteMany({ where: { id: existing.id, responseStatus: IN_PROGRESS } });
      continue;
    }
    if (Date.now() > deadline) {
      throw new AppError("idempotency_key_in_progress");
    }
    await sleep(POLL_MS);
  }

  const release = () => prisma.idempotencyKey.deleteMany({ where: { id: claimed.id, responseStatus: IN_PROGRESS } });
  let response: Response;
  try {
    response = await run(new Request(request.url, { method: request.method, headers: request.headers, body }));
  } catch (error) {
    await release();
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    await release();
    return response;
  }
  const text = await response.clone().text();
  await prisma.idempotencyKey.update({ where: { id: claimed.id }, data: { responseStatus: response.status, responseBody: text } });
  return response;
}

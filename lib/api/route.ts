import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { ApiContext, ApiScope } from "@/lib/api/context";
import { errorResponse } from "@/lib/api/envelope";
import { activityQueue, type ActivityQueue } from "@/lib/api/activity-queue";
import { createTokenLookup, TokenCache, tokenProblem, type TokenLookup, type TokenRecord } from "@/lib/api/credentials";
import { rateLimitHeaders } from "@/lib/api/rate-limit-headers";
import { resolveScope } from "@/lib/api/scope";
import { AppError } from "@/lib/server/errors";
import type { Permission } from "@/lib/credentials/permissions";
import {
  methodsAt,
  type ApiOperation,
  type HttpMethod,
  type OperationPath,
  type PathParams,
  type PublicOperation,
  type TokenOperation,
} from "@/lib/api/operations";
import { createRateLimiter, type RateLimiter, type RateLimitState } from "@/lib/rate-limit";
import { env } from "@/lib/server/env";
import { clientIp, httpsOrigin, plainHttpRefused, strictTransportSecurity } from "@/lib/server/request-ip";
import { inFlightWork, onShutdown } from "@/lib/server/shutdown";
import { errorSummary, isDatabaseUnavailable } from "@/lib/db/errors";
import { hashToken, parseToken } from "@/lib/credentials/tokens";
import { EXPIRY_WARNING_HEADER, expiryWarning } from "@/lib/api/steps/expiry";
import { requireAllowedAddress } from "@/lib/api/steps/ip-allowlist";

/**
 * Every /api/v1 route goes through here: a straight list of small steps, each reading
 * and filling one `Call`, each either returning or throwing an AppError. The handler runs
 * last; the response gets X-Request-Id (always) and the rate-limit headers (once the
 * token is known), and an authenticated call leaves one activity event and the token's
 * last use in the batched queue (lib/api/activity-queue.ts).
 *
 * The steps get what they use (token lookup, rate limiter, activity queue) from the
 * pipeline they run in, given to createPipeline: the app's, built on its first request, or
 * a test's or the bench's own.
 */

/** What the steps read of the route's operation (lib/api/operations): a TokenOperation is one. */
export interface ApiRouteOptions {
  /** The permission the route needs; omitted: any valid token. */
  permission?: Permission;
  /** The activity action; default from the permission ("shipments:read" → "shipments.read") or method + path. */
  action?: string;
}

type Handler<P> = (args: { request: Request; ctx: ApiContext; params: P }) => Promise<Response>;
type PublicHandler<P> = (args: { request: Request; requestId: string; ip: string | null; params: P }) => Promise<Response>;
export type RouteHandler<P = Record<string, never>> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;
/** A route handler bound to its operation: tests/api-operations.test.ts finds served routes by it. */
export type BoundRoute<P> = RouteHandler<P> & { readonly operation: ApiOperation };

/** What the steps use besides the request. */
export interface PipelineCollaborators {
  tokens: TokenLookup;
  limiter: RateLimiter;
  queue: Pick<ActivityQueue, "push" | "full">;
}

/** What the steps know about one request so far. */
interface Call {
  deps: PipelineCollaborators;
  request: Request;
  options: ApiRouteOptions;
  requestId: string;
  ip: string | null;
  rawToken?: string;
  tokenHash?: string;
  record?: TokenRecord;
  scope?: ApiScope;
  rate?: RateLimitState;
  /** What a step or the handler threw, if anything. */
  failed?: unknown;
}

type Step = (call: Call) => void | Promise<void>;

const steps: Step[] = [
  requireHttps,
  activityRoom,
  readToken,
  checkTokenShape,
  verifyToken,
  checkAddress,
  resolveTenant,
  checkPermission,
  rateLimit,
];

/** Seconds a 503 `service_unavailable` asks the client to wait: the database is usually back sooner. */
const UNAVAILABLE_RETRY_AFTER_S = 5;
/** What the activity event of a call says when its client hung up before the answer (nginx's 499). */
const CLIENT_CLOSED = 499;

/**
 * The route builders over the given collaborators (as unkey's KeyService takes its cache,
 * limiter and analytics). A function is called on each request, so the app's own can be
 * built on the first one instead of at import.
 */
export function createPipeline(collaborators: PipelineCollaborators | (() => PipelineCollaborators)) {
  const deps = typeof collaborators === "function" ? collaborators : () => collaborators;
  return {
    /** The route of a token operation: its permission and activity action come from the operation. */
    apiRoute: <O extends TokenOperation>(operation: O, handler: Handler<PathParams<O["path"]>>): BoundRoute<PathParams<O["path"]>> =>
      bind(operation, pipelineRoute(deps, operation, handler)),
    publicRoute,
  };
}

function pipelineRoute<P>(deps: () => PipelineCollaborators, options: ApiRouteOptions, handler: Handler<P>): RouteHandler<P> {
  return (request, context) =>
    inFlightWork(
      (async () => {
        const call: Call = { deps: deps(), request, options, requestId: randomUUID(), ip: clientIp(request.headers) };
        let response: Response;
        try {
          for (const step of steps) await step(call);
          response = await handler({ request, ctx: apiContext(call), params: await context.params });
        } catch (error) {
          call.failed = error;
          response = failure(error, call.requestId, request);
        }
        response = withHeaders(response, await responseHeaders(call));
        // Nobody reads the answer of a client that hung up: the event says so, whatever the handler made.
        recordCall(call, request.signal.aborted ? CLIENT_CLOSED : response.status);
        return response;
      })(),
    );
}

let app: PipelineCollaborators | undefined;

/**
 * The app's collaborators, built on its first API request (never at import: `next build`
 * imports every route, and the database opens on first use), from the configuration.
 */
function appCollaborators(): PipelineCollaborators {
  if (!app) {
    const limiter = createRateLimiter();
    onShutdown(() => limiter.close());
    app = { tokens: createTokenLookup(new TokenCache(env().API_TOKEN_CACHE_MS)), limiter, queue: activityQueue() };
  }
  return app;
}

/** The app's pipeline: what route files use. */
export const { apiRoute } = createPipeline(appCollaborators);

/** The route of an operation without a token (login, health, OpenAPI): still a request id and the error envelope. */
export function publicRoute<O extends PublicOperation>(
  operation: O,
  handler: PublicHandler<PathParams<O["path"]>>,
): BoundRoute<PathParams<O["path"]>> {
  return bind(operation, unboundRoute(handler));
}

function bind<P>(operation: ApiOperation, handler: RouteHandler<P>): BoundRoute<P> {
  return Object.assign(handler, { operation });
}

/** What publicRoute does for a handler that serves no operation (the 404 and 405 answers). */
function unboundRoute<P>(handler: PublicHandler<P>): RouteHandler<P> {
  return (request, context) =>
    inFlightWork(
      (async () => {
        const requestId = randomUUID();
        let response: Response;
        try {
          // Token login reads a password: never over plain HTTP when the app is HTTPS only.
          requireHttps({ request });
          response = await handler({ request, requestId, ip: clientIp(request.headers), params: await context.params });
        } catch (error) {
          response = failure(error, requestId, request);
        }
        return withHeaders(response, transportHeaders(request, new Headers({ "X-Request-Id": requestId })));
      })(),
    );
}

/** A path no route file serves (app/api/v1/[[...path]], which also answers /api/v1 itself): a 404 envelope. */
export function unknownEndpoint<P>(): RouteHandler<P> {
  return unboundRoute<P>(async () => {
    throw new AppError("not_found", "There is no such endpoint. The endpoints are listed in /v1/openapi.json.");
  });
}

/**
 * 405 handlers for the methods the catalogue does not serve at a path, with `Allow`.
 * Next's own 405 has no body and no Allow, so route files export the rest from here:
 *
 *   export const GET = apiRoute(operations.listServices, ...);
 *   export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("/v1/services");
 *
 * OPTIONS answers 204 with the same Allow (Next's automatic OPTIONS would list the 405s too).
 */
export function methodsNotAllowed(path: OperationPath): Record<HttpMethod | "OPTIONS", RouteHandler<unknown>> {
  const allowed = methodsAt(path);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = unboundRoute<unknown>(async ({ request }) => {
    throw new AppError("method_not_allowed", `${request.method} is not allowed here. Allowed: ${allow}.`);
  });
  const refuseWithAllow: RouteHandler<unknown> = async (request, context) =>
    withHeaders(await refuse(request, context), new Headers({ Allow: allow }));
  const OPTIONS: RouteHandler<unknown> = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { GET: refuseWithAllow, POST: refuseWithAllow, PUT: refuseWithAllow, PATCH: refuseWithAllow, DELETE: refuseWithAllow, OPTIONS };
}

// ---- the steps -------------------------------------------------------------------

/** With an https:// public URL (NEXTAUTH_URL), plain HTTP is refused before the token is read. */
function requireHttps(call: Pick<Call, "request">): void {
  if (!plainHttpRefused(call.request.headers)) return;
  const url = new URL(call.request.url);
  throw new AppError("https_required", undefined, { url: `${httpsOrigin()}${url.pathname}${url.search}` });
}

/**
 * The activity backlog is at its bound (the database has been away for long): refuse before
 * anything is looked up, so a call is served only when its event can be kept, and the
 * refusal itself (no token verified yet) adds no record.
 */
function activityRoom(call: Call): void {
  if (call.deps.queue.full) throw new AppError("service_unavailable", "Activity cannot be recorded right now. Retry shortly.");
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function readToken(call: Call): void {
  const authorization = call.request.headers.get("authorization");
  const apiKey = call.request.headers.get("x-api-key")?.trim();
  const token = authorization ? BEARER.exec(authorization)?.[1] : apiKey;
  if (!authorization && !apiKey) {
    throw new AppError("missing_token");
  }
  call.rawToken = token ?? "";
}

function checkTokenShape(call: Call): void {
  const parsed = parseToken(call.rawToken ?? "");
  if (!parsed) throw invalidToken();
  call.tokenHash = hashToken(parsed.token);
}

async function verifyToken(call: Call): Promise<void> {
  const record = await call.deps.tokens.lookup(call.tokenHash ?? "");
  const problem = tokenProblem(record);
  if (problem === "invalid" || !record) throw invalidToken();
  if (problem === "expired") throw new AppError("token_expired");
  if (problem === "inactive") throw new AppError("api_user_inactive");
  call.record = record;
}

function checkAddress(call: Call): void {
  requireAllowedAddress(verified(call).apiUser.ipAllowlist, call.ip);
}

async function resolveTenant(call: Call): Promise<void> {
  call.scope = await resolveScope(verified(call), call.request.headers.get("x-tenant"));
}

function checkPermission(call: Call): void {
  const { permission } = call.options;
  if (permission && !verified(call).apiUser.permissions.includes(permission)) {
    throw new AppError("permission_denied", `This API user lacks the permission ${permission}.`, { permission });
  }
}

async function rateLimit(call: Call): Promise<void> {
  const { apiUser } = verified(call);
  call.rate = await call.deps.limiter.hit(apiUser.id, apiUser.rateLimit);
  if (!call.rate.allowed) {
    throw new AppError(
      "rate_limited",
      `Rate limit of ${apiUser.rateLimit} requests per minute reached. Retry after ${call.rate.retryAfter} s.`,
    );
  }
}

// ---- around the steps ------------------------------------------------------------

function invalidToken(): AppError {
  return new AppError("invalid_token");
}

function verified(call: Call): TokenRecord {
  if (!call.record) throw new Error("pipeline step ran before verifyToken");
  return call.record;
}

function apiContext(call: Call): ApiContext {
  const record = verified(call);
  if (!call.scope) throw new Error("handler ran before resolveTenant");
  const { apiUser } = record;
  return {
    requestId: call.requestId,
    ip: call.ip,
    scope: call.scope,
    tenant: record.tenant,
    apiUser: {
      id: apiUser.id,
      username: apiUser.username,
      customerId: apiUser.customerId,
      permissions: apiUser.permissions,
      rateLimit: apiUser.rateLimit,
    },
    token: { id: record.tokenId, environment: record.environment },
  };
}

/**
 * The error envelope for what a step or handler threw: an AppError as it is; the client hung
 * up (whatever that made the handler throw) 499; the database unreachable 503 with
 * Retry-After; anything else is a bug, logged with the request id and answered 500.
 */
function failure(error: unknown, requestId: string, request: Request): Response {
  if (request.signal.aborted && !(error instanceof AppError)) return errorResponse(new AppError("client_closed_request"));
  const known = error instanceof AppError ? error : isDatabaseUnavailable(error) ? unavailable(requestId, error) : null;
  if (known) {
    return errorResponse(known, known.code === "service_unavailable" ? { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) } : undefined);
  }
  console.error(`[${requestId}] unexpected error in an API route`, error);
  return errorResponse(
    new AppError("internal_error", `Something went wrong on our side. Quote request id ${requestId} when you report it.`),
  );
}

/** HSTS on a response over HTTPS when the app is HTTPS only (lib/server/request-ip.ts). */
function transportHeaders(request: Request, headers: Headers): Headers {
  const hsts = strictTransportSecurity(request.headers);
  if (hsts) headers.set("Strict-Transport-Security", hsts);
  return headers;
}

// An outage under load would otherwise log one stack per request: one line every 10 s.
let unavailableLoggedAt = 0;
function unavailable(requestId: string, error: unknown): AppError {
  if (Date.now() - unavailableLoggedAt >= 10_000) {
    unavailableLoggedAt = Date.now();
    console.warn(`[${requestId}] database unreachable, answering 503: ${errorSummary(error)}`);
  }
  return new AppError("service_unavailable");
}

async function responseHeaders(call: Call): Promise<Headers> {
  const headers = transportHeaders(call.request, new Headers({ "X-Request-Id": call.requestId }));
  const warning = call.record ? expiryWarning(call.record.expiresAt) : null;
  if (warning) headers.set(EXPIRY_WARNING_HEADER, warning);
  // No second wait on a database that just failed to answer.
  if (!call.record || (!call.rate && isDatabaseUnavailable(call.failed))) return headers;
  try {
    const rate = call.rate ?? (await call.deps.limiter.peek(call.record.apiUser.id, call.record.apiUser.rateLimit));
    for (const [name, value] of Object.entries(rateLimitHeaders(rate, !rate.allowed && call.rate !== undefined))) headers.set(name, value);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) console.error(`[${call.requestId}] rate-limit headers unavailable`, error);
  }
  return headers;
}

function withHeaders(response: Response, headers: Headers): Response {
  try {
    headers.forEach((value, key) => response.headers.set(key, value));
    return response;
  } catch {
    // Immutable headers (a Response from fetch or Response.redirect): copy it.
    const copy = new Response(response.body, response);
    headers.forEach((value, key) => copy.headers.set(key, value));
    return copy;
  }
}

/** /api/v1/x and /v1/x are one endpoint: the log shows /v1/x. */
function publicPath(request: Request): string {
  return new URL(request.url).pathname.replace(/^\/api(?=\/v1(\/|$))/, "").slice(0, 500);
}

const VERBS: Record<string, string> = { GET: "read", HEAD: "read", POST: "create", PUT: "update", PATCH: "update", DELETE: "delete" };

function actionOf(call: Call, path: string): string {
  if (call.options.action) return call.options.action;
  if (call.options.permission) return call.options.permission.replace(":", ".");
  const resource = path.split("/")[2] || "api";
  return `${resource}.${VERBS[call.request.method] ?? call.request.method.toLowerCase()}`;
}

/** A refusal of the caller's own making names its code in the event (the address is its `ip`). */
function refusalDetails(failed: unknown): { details?: { error: string } } {
  return failed instanceof AppError && failed.code === "ip_not_allowed" ? { details: { error: failed.code } } : {};
}

function recordCall(call: Call, status: number): void {
  const record = call.record;
  if (!record) return;
  const path = publicPath(call.request);
  const at = new Date();
  call.deps.queue.push({
    event: {
      tenantId: record.tenant.id,
      customerId: call.scope ? call.scope.customerId : record.apiUser.customerId,
      apiUserId: record.apiUser.id,
      apiTokenId: record.tokenId,
      actor: record.apiUser.username,
      action: actionOf(call, path),
      method: call.request.method,
      path,
      status,
      ip: call.ip,
      ...refusalDetails(call.failed),
      createdAt: at,
    },
    tokenUse: { tokenId: record.tokenId, at, ip: call.ip },
  });
}

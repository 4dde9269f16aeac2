import type { z } from "zod";
import type { Permission } from "@/lib/credentials/permissions";
import type { ErrorCode } from "@/lib/server/errors";

/**
 * What one public operation is: the route binds its handler to it (lib/api/route.ts takes
 * the permission and the activity action from here), the OpenAPI document and the
 * dashboard's Endpoint reference are generated from it (lib/api/openapi.ts), and the
 * permission hints list it. Pure data and zod schemas: no server-only import, so the
 * e2e specs iterate the same catalogue the server serves.
 */

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** As integrators call it: /v1/... (also served under /api/v1/...). */
export type ApiPath = `/v1/${string}`;

type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** The route params of a path: `{ awb: string }` for "/v1/shipments/{awb}". */
export type PathParams<Path extends string> = [ParamNames<Path>] extends [never] ? Record<string, never> : Record<ParamNames<Path>, string>;

export interface PathParam {
  name: string;
  description: string;
  example: string;
}

export interface SuccessResponse {
  status: number;
  description: string;
  /** The `data` of the {ok: true} envelope. */
  data?: z.ZodType;
  /** `data` is one page of a list: the envelope adds `meta`. */
  list?: boolean;
  /** Not JSON in the envelope (a label, the OpenAPI document itself): the media types answered. */
  media?: Readonly<Record<string, { description: string; example?: string }>>;
}

interface OperationBase<Path extends ApiPath> {
  method: HttpMethod;
  path: Path;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** In the order they appear in the path. */
  pathParams?: readonly PathParam[];
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * The request body example, built when the reference or the OpenAPI document is made:
   * for bodies valid only relative to the time (a pickup window lies ahead). Without it,
   * the body schema's own `example`.
   */
  bodyExample?: (now: Date) => unknown;
  /** Takes an Idempotency-Key (lib/api/idempotency.ts). */
  idempotent?: boolean;
  success: SuccessResponse;
  /**
   * The codes the operation's own handler answers (not found, state conflicts, ...). What
   * the pipeline, the body, the query and the Idempotency-Key can answer is added by
   * `errorCodes` (lib/api/operations/errors.ts), so it is written once.
   */
  errors: readonly ErrorCode[];
}

/** Authenticated by a token + X-Tenant through apiRoute's pipeline. */
export interface TokenOperation<Path extends ApiPath = ApiPath> extends OperationBase<Path> {
  auth: "token";
  /** The permission the token's API user needs; omitted: any valid token. */
  permission?: Permission;
  /** The ActivityEvent action each call records. */
  action: string;
}

/** No token: "public" needs nothing, "password" takes username and password in the body. */
export interface PublicOperation<Path extends ApiPath = ApiPath> extends OperationBase<Path> {
  auth: "public" | "password";
  permission?: never;
  action?: never;
}

export type ApiOperation = TokenOperation | PublicOperation;

/** Declares one operation, keeping its path (and so its route params) as a literal type. */
export function operation<const O extends ApiOperation>(spec: O): O {
  return spec;
}

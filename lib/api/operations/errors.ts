import { ERRORS, type ErrorCode } from "@/lib/server/errors";
import type { ApiOperation } from "./types";

/**
 * Every error code an operation can answer, from the one catalogue (lib/server/errors.ts):
 * what its route's machinery answers before or around the handler, plus the operation's
 * own `errors`. Each list below names the code where it is thrown.
 */

/** Every route, token or public, with an https:// public URL (requireHttps in lib/api/route.ts). */
const TRANSPORT: readonly ErrorCode[] = ["https_required"];

/** apiRoute's steps (lib/api/route.ts, lib/api/scope.ts), before any handler runs. */
const TOKEN_PIPELINE: readonly ErrorCode[] = [
  "missing_tenant",
  "missing_token",
  "invalid_token",
  "token_expired",
  "api_user_inactive",
  "token_disabled",
  "ip_not_allowed",
  "tenant_mismatch",
  "rate_limited",
];

/** Any operation that reads the database: unreachable, it answers 503 with Retry-After (lib/api/route.ts). */
const DATABASE: readonly ErrorCode[] = ["service_unavailable"];

/** readJson (lib/api/input.ts): not JSON, over the size bound, or not matching the schema. */
const JSON_BODY: readonly ErrorCode[] = ["invalid_json", "payload_too_large", "validation_failed"];

/** readQuery (lib/api/input.ts). */
const QUERY: readonly ErrorCode[] = ["validation_failed"];

/** idempotent() (lib/api/idempotency.ts): a malformed key is a validation failure. */
const IDEMPOTENCY: readonly ErrorCode[] = ["validation_failed", "idempotency_key_reused", "idempotency_key_in_progress"];

export function errorCodes(op: ApiOperation): ErrorCode[] {
  const codes = new Set<ErrorCode>([
    ...TRANSPORT,
    ...(op.auth === "token" ? TOKEN_PIPELINE : []),
    ...(op.auth !== "public" ? DATABASE : []),
    ...(op.permission ? (["permission_denied"] as const) : []),
    ...(op.body ? JSON_BODY : []),
    ...(op.query ? QUERY : []),
    ...(op.idempotent ? IDEMPOTENCY : []),
    ...op.errors,
  ]);
  return [...codes].sort((a, b) => ERRORS[a].status - ERRORS[b].status || a.localeCompare(b));
}

/** The codes grouped by status, lowest status first. */
export function errorsByStatus(op: ApiOperation): [status: number, codes: ErrorCode[]][] {
  const groups = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(op)) {
    const status = ERRORS[code].status;
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return [...groups];
}

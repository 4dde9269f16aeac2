/**
 * The one error type and the one catalogue of error codes. `lib/` throws AppError with a
 * code from ERRORS; the API turns it into the JSON envelope (lib/api/envelope.ts), server
 * actions into a form message (lib/auth/member-action.ts), and the OpenAPI document lists
 * the codes each status can carry. A code has one status and one meaning everywhere.
 * Anything else thrown is a bug: logged, and answered as a 500 with no internals.
 *
 * No imports: client components may read the catalogue.
 */
export const ERRORS = {
  // 400: the request cannot be read
  invalid_json: { status: 400, message: "The request body is not valid JSON." },
  missing_tenant: { status: 400, message: "Send the Client ID of the tenant or customer in the X-Tenant header." },
  /** A secret-scanning report that is not a JSON array of {token, type, url, source} (lib/credentials/leak-reports.ts). */
  malformed_report: { status: 400, message: "The report is not a JSON array of {token, type, url, source} objects." },
  malformed_url: { status: 400, message: "The URL path is not valid percent-encoding." },

  // 401: who is asking is unknown
  missing_token: { status: 401, message: "Send the token as `Authorization: Bearer <token>` or `x-api-key: <token>`." },
  invalid_token: { status: 401, message: "The token is not valid: unknown or revoked." },
  /** Distinct from invalid_token so an integrator knows to fetch a new token. */
  token_expired: { status: 401, message: "The token has expired. Make a new one (dashboard or POST /v1/auth/token)." },
  invalid_credentials: { status: 401, message: "The username, password or X-Tenant is not right." },
  /** A secret-scanning report whose signature is missing, unknown or wrong: nothing is read or changed. */
  invalid_signature: {
    status: 401,
    message: "The Github-Public-Key-Signature does not verify with the key Github-Public-Key-Identifier names.",
  },
  unauthenticated: { status: 401, message: "Your session has ended. Sign in again." },

  // 403: known, but not allowed
  api_user_inactive: { status: 403, message: "This API user is deactivated." },
  token_disabled: { status: 403, message: "This token is disabled; it works again once it is enabled in the dashboard." },
  ip_not_allowed: { status: 403, message: "This API user's tokens may not be used from this address (its IP allowlist)." },
  tenant_mismatch: { status: 403, message: "This token cannot act for the Client ID in X-Tenant." },
  permission_denied: { status: 403, message: "This API user lacks the permission for this endpoint." },
  role_forbidden: { status: 403, message: "Your role cannot make this change." },
  /** Sudo mode (lib/auth/sudo.ts): the dashboard asks for the member's password again. */
  sudo_required: { status: 403, message: "Confirm your password to continue; it is not asked again for 10 minutes." },
  /** The tenant requires two-factor sign-in and this member has not set it up yet (lib/team). */
  two_factor_setup_required: { status: 403, message: "Your team requires two-factor sign-in: set it up first." },
  /** Refused before anything else is read, so a token or password sent over HTTP is never used. */
  https_required: { status: 403, message: "This API accepts HTTPS only: send the request to its https:// URL." },

  // 404, 405, 413
  not_found: { status: 404, message: "Not found." },
  method_not_allowed: { status: 405, message: "This method is not allowed here." },
  payload_too_large: { status: 413, message: "The request body is too large." },

  // 409: the object's state forbids the change
  /** The dashboard acted on a deactivated API user (compare api_user_inactive: the caller itself is deactivated). */
  api_user_not_active: { status: 409, message: "Activate this API user first." },
  api_user_already_inactive: { status: 409, message: "This API user is already inactive." },
  api_user_already_active: { status: 409, message: "This API user is already active." },
  token_revoked: { status: 409, message: "This token is already revoked." },
  token_not_active: { status: 409, message: "This token no longer works; generate a new one instead." },
  token_already_disabled: { status: 409, message: "This token is already disabled." },
  token_not_disabled: { status: 409, message: "This token is not disabled." },
  no_rate_table: { status: 409, message: "No rate table is set up for this account; ask the courier." },
  shipment_cancelled: { status: 409, message: "This shipment was cancelled; it has no label." },
  shipment_not_cancellable: { status: 409, message: "Only a shipment not yet picked up can be cancelled." },
  pickup_not_cancellable: { status: 409, message: "Only a pickup not yet completed can be cancelled." },
  webhook_endpoint_disabled: { status: 409, message: "This webhook endpoint is disabled; enable it first." },
  last_owner: { status: 409, message: "A team keeps at least one Owner: make someone else Owner first." },
  member_exists: { status: 409, message: "Someone with this e-mail already has a Courier Console account." },
  invitation_not_pending: { status: 409, message: "This invitation was already accepted, revoked or has expired." },
  two_factor_already_on: { status: 409, message: "Two-factor sign-in is already on." },
  two_factor_off: { status: 409, message: "Two-factor sign-in is not on." },
  two_factor_required_by_team: { status: 409, message: "Your team requires two-factor sign-in; it cannot be turned off." },
  idempotency_key_in_progress: { status: 409, message: "A request with this Idempotency-Key is still being processed; retry shortly." },

  // 422: well-formed, but the values do not fit
  validation_failed: { status: 422, message: "Some fields are not valid." },
  idempotency_key_reused: { status: 422, message: "This Idempotency-Key was used with another request body or endpoint; use a new key." },

  // 429: too many
  rate_limited: { status: 429, message: "Rate limit reached." },
  too_many_attempts: { status: 429, message: "Too many failed sign-ins." },

  /**
   * Not an answer anyone reads: the client hung up before the handler finished (nginx's 499).
   * The activity event records it so, instead of a 500 of ours.
   */
  client_closed_request: { status: 499, message: "The client closed the connection before the answer was ready." },

  // 500: ours
  internal_error: { status: 500, message: "Something went wrong on our side." },
  /** A stored secret whose key is not configured or whose ciphertext was altered (lib/secrets); the log says which. */
  secret_unreadable: { status: 500, message: "This secret cannot be decrypted on this server: its key is missing or it was altered." },
  /** The database cannot be reached right now (lib/db/errors.ts); the answer carries Retry-After. */
  service_unavailable: { status: 503, message: "The service is briefly unavailable. Retry after the seconds in Retry-After." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERRORS[code].status;
  }
}

export const notFound = (message?: string) => new AppError("not_found", message);

/** 422 with the field paths that failed, in the shape both faces show. */
export function validationFailed(fieldErrors: Record<string, string[]>, message?: string) {
  return new AppError("validation_failed", message, { fields: fieldErrors });
}

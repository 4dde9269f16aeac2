/**
 * The one error type of the domain. `lib/` throws it; the API turns it into the JSON
 * envelope (lib/api) and server actions into a form message (lib/actions). Anything else
 * thrown is a bug: logged, and answered as a 500 with no internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (message = "Not found.") => new AppError(404, "not_found", message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);

/** 422 with the field paths that failed, in the shape both faces show. */
export function validationFailed(fieldErrors: Record<string, string[]>, message = "Some fields are not valid.") {
  return new AppError(422, "validation_failed", message, { fields: fieldErrors });
}

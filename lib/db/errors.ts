import "server-only";
// A unique violation arrives as P2002 through adapter-pg and as a raw DriverAdapterError
// (cause.code 23505) through the PGlite adapter. Both are answered here.
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } };
  return e.code === "P2002" || e.cause?.code === "23505" || e.cause?.originalCode === "23505";
}

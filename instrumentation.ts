// Checks the configuration, then opens and migrates the database when the server starts,
// so a bad variable, a broken database or an edited migration stops the app before it
// serves, not at the first request. NEXT_RUNTIME is Next's own marker, not configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnv } = await import("@/lib/server/env");
  checkEnv();
  const { database } = await import("@/lib/db");
  await database();
}

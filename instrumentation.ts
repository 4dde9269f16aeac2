// Checks the configuration, then opens and migrates the database when the server starts,
// so a bad variable, a broken database or an edited migration stops the app before it
// serves, not at the first request. NEXT_RUNTIME is Next's own marker, not configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, checkEnv } = await import("@/lib/server/env");
  try {
    checkEnv();
  } catch (error) {
    // Under a custom server (server.mjs) Next only logs a failed register and serves
    // anyway, every request failing: a bad setting ends the process instead.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const { database } = await import("@/lib/db");
  await database();
  // A stored secret whose key is not configured stops the start (lib/secrets), never a silent re-key.
  const { checkCarrierAuthKeys } = await import("@/lib/carrier-auths/rotate");
  const { checkTwoFactorKeys } = await import("@/lib/auth/two-factor");
  await Promise.all([checkCarrierAuthKeys(), checkTwoFactorKeys()]).catch((error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
}

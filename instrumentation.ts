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
  // A Redis store that cannot be reached at start is a configuration error, not a silent fallback.
  const { RATE_LIMIT_STORE, REDIS_URL } = (await import("@/lib/server/env")).env();
  if (RATE_LIMIT_STORE === "redis" && REDIS_URL) {
    const { checkRedis } = await import("@/lib/rate-limit/redis");
    await checkRedis(REDIS_URL).catch((error: unknown) => {
      console.error(`${(error as Error).message} RATE_LIMIT_STORE=redis needs it; start Redis or choose another store.`);
      process.exit(1);
    });
  }
  const { database } = await import("@/lib/db");
  await database();
  // A stored secret whose key is not configured stops the start (lib/secrets), never a silent re-key.
  const { checkCarrierAuthKeys } = await import("@/lib/carrier-auths/rotate");
  const { checkWebhookKeys } = await import("@/lib/webhooks/key-rotation");
  const { checkTwoFactorKeys } = await import("@/lib/auth/two-factor");
  await Promise.all([checkCarrierAuthKeys(), checkWebhookKeys(), checkTwoFactorKeys()]).catch((error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  // Sends the webhook outbox (lib/webhooks/worker.ts); stopped by the shutdown hooks on SIGTERM.
  const { startWebhookWorker } = await import("@/lib/webhooks/worker");
  startWebhookWorker();
}

import { spawn, type ChildProcess } from "node:child_process";
import { request } from "@playwright/test";

/**
 * A server of a spec's own, for settings the shared e2e server must not have (an https://
 * public URL, TLS, TRUST_PROXY) or state it must not share (a locked-out address):
 * scripts/e2e-server.ts on a fresh PGlite database, in a process group of its own so that
 * stop() ends it and everything it started. Ports: E2E_PORT + 5 and up (the shared servers
 * use E2E_PORT and E2E_PORT + 1).
 */
export interface OwnServer {
  stop(): void;
}

export const ownPort = (offset: number) => Number(process.env.E2E_PORT ?? 3201) + offset;

/** Starts the server and resolves once `readyUrl` answers (any status; certificates not checked). */
export async function startOwnServer(port: number, settings: Record<string, string>, readyUrl: string): Promise<OwnServer> {
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/e2e-server.ts", "pglite", String(port)], {
    // Unset unless the spec sets them: the environment Playwright runs in does not leak in.
    env: { ...process.env, NEXTAUTH_URL: "", TRUST_PROXY: "", TLS_CERT_FILE: "", TLS_KEY_FILE: "", ...settings },
    stdio: "ignore",
    detached: true,
  });
  const server = {
    stop() {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    },
  };
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  try {
    for (let i = 0; i < 360; i++) {
      if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`);
      const answered = await api.get(readyUrl, { maxRedirects: 0, timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      if (answered) return server;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`${readyUrl} did not answer`);
  } catch (error) {
    server.stop();
    throw error;
  } finally {
    await api.dispose();
  }
}

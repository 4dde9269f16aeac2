// Production server: Next's request handler behind a plain Node HTTP server, for two
// things `next start` cannot give us:
//  1. the socket's address: Next only fills X-Forwarded-For when the client left it out,
//     so a client could choose its own IP. We pass the peer address in a header of our
//     own, overwriting anything the client sent (lib/server/request-ip.ts reads it), and
//     likewise the scheme: `x-courier-proto` is https when the socket is TLS. With
//     TLS_CERT_FILE and TLS_KEY_FILE set the server speaks TLS itself (https.createServer).
//  2. a graceful SIGTERM: stop accepting, finish requests in flight, then run the
//     shutdown hooks (lib/server/shutdown.ts: flush activity and last-used writes) before exit.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import next from "next";

// Read raw because this file runs before (and outside) the app's bundle; the same defaults
// and their validation are in lib/server/env.ts, which instrumentation.ts runs during
// app.prepare(): a bad PORT or HOST stops the start before anything listens.
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();

await app.prepare();

// TLS from configuration: both files or neither (lib/server/env.ts refused anything else
// during app.prepare()).
const tls = process.env.TLS_CERT_FILE && process.env.TLS_KEY_FILE;
const createServer = tls
  ? (listener) =>
      createHttpsServer({ cert: readFileSync(process.env.TLS_CERT_FILE), key: readFileSync(process.env.TLS_KEY_FILE) }, listener)
  : createHttpServer;

const server = createServer((req, res) => {
  req.headers["x-courier-peer"] = req.socket.remoteAddress ?? "";
  req.headers["x-courier-proto"] = req.socket.encrypted ? "https" : "http";
  // Next answers a path with broken percent-encoding (/v1/%E0%A4%A) with a bare 500.
  if (!decodablePath(req.url ?? "/")) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error: { code: "malformed_url", message: "The URL path is not valid percent-encoding." } }));
    return;
  }
  handle(req, res);
});

function decodablePath(url) {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Courier Console listening on ${tls ? "https" : "http"}://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight`);
  server.closeIdleConnections?.();
  await new Promise((resolve) => server.close(resolve));
  // lib/server/shutdown.ts publishes it (absent when no module registered a hook).
  await globalThis.courierRunShutdownHooks?.();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

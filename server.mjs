// Production server: Next's request handler behind a plain Node HTTP server, for two
// things `next start` cannot give us:
//  1. the socket's address: Next only fills X-Forwarded-For when the client left it out,
//     so a client could choose its own IP. We pass the peer address in a header of our
//     own, overwriting anything the client sent (lib/server/request-ip.ts reads it), and
//     likewise the scheme: `x-courier-proto` is https when the socket is TLS. With
//     TLS_CERT_FILE and TLS_KEY_FILE set the server speaks TLS itself (https.createServer).
//  2. a graceful SIGTERM within a bounded grace (SHUTDOWN_GRACE_MS): stop accepting, answer
//     the requests in flight with `Connection: close`, close idle keep-alive sockets, wait
//     for every answer, close every connection left, then run the shutdown hooks
//     (lib/server/shutdown.ts: every route handler, those whose client hung up included,
//     then the final activity flush) and exit.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import next from "next";

// Read raw because this file runs before (and outside) the app's bundle; the same defaults
// and their validation are in lib/server/env.ts, which instrumentation.ts runs during
// app.prepare(): a bad PORT, HOST or SHUTDOWN_GRACE_MS stops the start before anything listens.
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const graceMs = Number(process.env.SHUTDOWN_GRACE_MS || 10_000);
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

let stopping = false;
/** Responses not yet finished (or abandoned by their client). */
const open = new Set();

function onRequest(req, res) {
  req.headers["x-courier-peer"] = req.socket.remoteAddress ?? "";
  req.headers["x-courier-proto"] = req.socket.encrypted ? "https" : "http";
  // After SIGTERM a keep-alive connection still delivers requests: answer them, then close it.
  if (stopping) res.shouldKeepAlive = false;
  open.add(res);
  res.on("close", () => {
    open.delete(res);
    // Its socket is idle now: close it rather than wait for the keep-alive timeout.
    if (stopping) server.closeIdleConnections();
  });
  // Next answers a path with broken percent-encoding (/v1/%E0%A4%A) with a bare 500.
  if (!decodablePath(req.url ?? "/")) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error: { code: "malformed_url", message: "The URL path is not valid percent-encoding." } }));
    return;
  }
  // Not awaited on shutdown: for a page whose client went away, Next's promise may never settle
  // (its render stream is never drained). Route handlers are waited for by the shutdown hooks.
  Promise.resolve(handle(req, res)).catch((error) => console.error("request handling failed", error));
}

function decodablePath(url) {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

// The one place the server is made: HTTP, or HTTPS with the configured certificate.
const server = createServer(onRequest);
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Courier Console listening on ${tls ? "https" : "http"}://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

// Of the grace, what the requests in flight may take; the rest is for the final flush.
const flushShare = Math.min(3_000, graceMs / 3);

/** Polls until no response is open (false when `until` comes first). */
async function responsesDone(until) {
  while (open.size > 0) {
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  const deadline = started + graceMs;
  // Whatever happens below, the process is gone at the end of the grace.
  setTimeout(() => {
    console.error(`${signal}: grace of ${graceMs} ms over, exiting with work unfinished`);
    process.exit(1);
  }, graceMs).unref();
  console.log(`${signal}: finishing ${open.size} requests in flight (grace ${graceMs} ms)`);

  // Stop accepting; answer what is in flight with Connection: close; close idle sockets.
  const closed = new Promise((resolve) => server.close(resolve));
  for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
  server.closeIdleConnections();

  // The answers in flight, including those to requests a keep-alive client sent after the signal
  // (with Connection: close). Once none is left, every socket still open is idle, or carries a
  // request not begun yet: a busy client can keep one from ever being idle when
  // closeIdleConnections looks, so server.close() alone may wait out the grace with nothing to
  // do. The route handlers still running (a client hung up) are the shutdown hooks' to wait for.
  const drained = await responsesDone(deadline - flushShare);
  if (!drained) console.error(`${signal}: ${open.size} requests still open, closing their connections`);
  server.closeAllConnections();
  await closed;
  // Waits for every route handler (lib/server/shutdown.ts tracks them), then flushes.
  // lib/server/shutdown.ts publishes it (absent when no module registered a hook).
  await globalThis.courierRunShutdownHooks?.(deadline);
  console.log(`${signal}: stopped after ${Date.now() - started} ms`);
  process.exit(drained ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An integrator's webhook receiver on 127.0.0.1: records every POST and answers with the
 * next status of `answers` (then 200). The tests verify what it got with the
 * `standardwebhooks` library.
 */
export async function startReceiver(answers: number[] = []) {
  const received: Received[] = [];
  const queue = [...answers];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = queue.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status < 300 ? "thanks" : `failed with ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The event types received, in order. */
    types: () => received.map((r) => (JSON.parse(r.body) as { type: string }).type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

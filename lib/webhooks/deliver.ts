import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { RefusedUrl, resolveTarget, type Target } from "./address-guard";

/**
 * One HTTP attempt: POST the body to the endpoint with its headers, at the address the
 * guard checked (the connection never resolves the name again), within 10 seconds in all,
 * following no redirect (a 3xx is a failed attempt like any non-2xx), reading at most
 * READ_LIMIT bytes of the answer and keeping the first EXCERPT_CHARS of it for the log.
 */

export const TIMEOUT_MS = 10_000;
const READ_LIMIT = 64 * 1024;
export const EXCERPT_CHARS = 4096;
const USER_AGENT = "CourierConsole-Webhooks/1.0";

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  /** Why there was no 2xx answer, without addresses or secrets. */
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

/** A lookup that answers with the checked address whatever it is asked (both callback forms of net.connect). */
function pinned(target: Target): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function readBounded(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      if (size >= READ_LIMIT) return;
      chunks.push(chunk);
      size += chunk.length;
      // Enough for the log: stop reading the rest of a large answer.
      if (size >= READ_LIMIT) response.destroy();
    });
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
  });
}

export async function sendAttempt(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (outcome: Omit<AttemptOutcome, "durationMs">): AttemptOutcome => ({
    ...outcome,
    durationMs: Math.round(performance.now() - started),
  });
  let target: Target;
  try {
    target = await resolveTarget(url);
  } catch (error) {
    if (!(error instanceof RefusedUrl)) throw error;
    return done({ ok: false, statusCode: null, error: error.message, responseExcerpt: null });
  }
  const request = target.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(outcome));
    };
    const req = request(
      target.url,
      {
        method: "POST",
        lookup: pinned(target),
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": USER_AGENT },
        // One connection per attempt: a pooled socket could outlive the address check.
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? null;
        readBounded(response).then(
          (text) =>
            finish({
              ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
              statusCode,
              error: statusCode !== null && statusCode >= 300 && statusCode < 400 ? "Redirects are not followed." : null,
              responseExcerpt: text.slice(0, EXCERPT_CHARS),
            }),
          () => finish({ ok: false, statusCode, error: "The answer was cut off.", responseExcerpt: null }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `No answer within ${TIMEOUT_MS / 1000} seconds.`, responseExcerpt: null });
      req.destroy();
    }, TIMEOUT_MS);
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, statusCode: null, error: `Connection failed (${error.code ?? "error"}).`, responseExcerpt: null }),
    );
    req.end(body);
  });
}

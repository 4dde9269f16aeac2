import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readJson } from "@/lib/api/input";
import { AppError } from "@/lib/server/errors";

const Schema = z.object({ name: z.string().min(1) });

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/v1/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readJson", () => {
  it("parses and validates a body", async () => {
    expect(await readJson(post(JSON.stringify({ name: "Ada" })), Schema)).toEqual({ name: "Ada" });
  });

  it("answers 400 for text that is not JSON and 422 with the field for JSON that does not fit", async () => {
    expect(await failure(readJson(post("{name:"), Schema))).toMatchObject({ status: 400, code: "invalid_json" });
    const invalid = await failure(readJson(post(JSON.stringify({ name: 5 })), Schema));
    expect(invalid).toMatchObject({ status: 422, code: "validation_failed" });
    expect(invalid.details).toEqual({ fields: { name: [expect.any(String)] } });
  });

  it("refuses a body over 256 KiB, announced or streamed, with 413", async () => {
    const big = JSON.stringify({ name: "x".repeat(300 * 1024) });
    expect(await failure(readJson(post(big, { "content-length": String(big.length) }), Schema))).toMatchObject({
      status: 413,
      code: "payload_too_large",
    });
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    expect(await failure(readJson(post(endless), Schema))).toMatchObject({ status: 413 });
    expect(sent).toBeLessThan(10); // stopped reading soon after the limit
  });
});

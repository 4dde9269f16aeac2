import { afterAll, describe, expect, it } from "vitest";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { apiCaller, apiRequest, noParams, testPipeline } from "./support/api";
import { parseList, type Item } from "./support/structured-fields";

// The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers) as a client reads them:
// parsed with RFC 8941's List grammar, and held against the X-RateLimit-* headers and
// Retry-After of the same response.

const pipeline = testPipeline();
afterAll(() => pipeline.close());
const readShipments = pipeline.apiRoute(operations.listShipments, async () => ok({}));

function only(header: string | null): Item {
  expect(header).not.toBeNull();
  const list = parseList(header!);
  expect(list).toHaveLength(1);
  return list[0]!;
}

function draftHeaders(response: Response) {
  const policy = only(response.headers.get("RateLimit-Policy"));
  const limit = only(response.headers.get("RateLimit"));
  expect(policy.value).toBe("default");
  expect(limit.value).toBe("default");
  for (const item of [policy, limit]) for (const value of item.params.values()) expect(Number.isInteger(value)).toBe(true);
  return {
    q: policy.params.get("q") as number,
    w: policy.params.get("w") as number,
    r: limit.params.get("r") as number,
    t: limit.params.get("t") as number,
  };
}

describe("standard rate-limit headers", () => {
  it("say what X-RateLimit-* and Retry-After say, on allowed, refused and failed calls", async () => {
    const { plain, tenant } = await apiCaller({ rateLimit: 3, permissions: ["shipments:read"] });
    const auth = { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId };
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = Math.floor(Date.now() / 1000);
      const response = await readShipments(apiRequest("/shipments", auth), noParams);
      const after = Math.ceil(Date.now() / 1000);
      seen.push(response.status);
      const { q, w, r, t } = draftHeaders(response);
      expect(q).toBe(Number(response.headers.get("X-RateLimit-Limit")));
      expect(q).toBe(3);
      expect(w).toBe(60);
      expect(r).toBe(Number(response.headers.get("X-RateLimit-Remaining")));
      const reset = Number(response.headers.get("X-RateLimit-Reset"));
      if (response.status === 429) {
        expect(t).toBe(Number(response.headers.get("Retry-After")));
        expect(r).toBe(0);
      } else {
        expect(response.headers.get("Retry-After")).toBeNull();
      }
      // t counts from now to X-RateLimit-Reset (whole seconds, so within the call's second).
      expect(t).toBeGreaterThanOrEqual(reset - after);
      expect(t).toBeLessThanOrEqual(reset - before + 1);
      expect(t).toBeGreaterThan(0);
      expect(t).toBeLessThanOrEqual(w);
    }
    expect(seen).toEqual([200, 200, 200, 429]);
    expect(seen.length).toBe(4);

    // A refusal after the token step (no permission) still carries them, from the limiter's peek.
    const denied = await pipeline.apiRoute(operations.listServices, async () => ok({}))(apiRequest("/services", auth), noParams);
    expect(denied.status).toBe(403);
    const { q, r } = draftHeaders(denied);
    expect([q, r]).toEqual([3, 0]);
    // Before the token is known there is no policy to state.
    const anonymous = await readShipments(apiRequest("/shipments", { "x-tenant": tenant.clientId }), noParams);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("RateLimit")).toBeNull();
  });

  it("the parser refuses what the grammar does not allow", () => {
    expect(() => parseList('"default";q=60;w=60')).not.toThrow();
    expect(() => parseList("default;q=6 0")).toThrow();
    expect(() => parseList('"default";q=60,')).toThrow();
    expect(() => parseList('"default";Q=60')).toThrow();
  });
});

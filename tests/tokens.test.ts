import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken, hashToken, issueTokenSecret, parseToken, tokenHint, type PlainToken } from "@/lib/credentials/tokens";

describe("tokens", () => {
  it("generates live and test tokens in the documented format", () => {
    expect(generateToken("LIVE")).toMatch(/^cc_live_[0-9a-f]{64}_[0-9a-f]{8}$/);
    expect(generateToken("TEST")).toMatch(/^cc_test_[0-9a-f]{64}_[0-9a-f]{8}$/);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken("LIVE")));
    expect(tokens.size).toBe(1000);
  });

  it("parses its own tokens and tells the environment", () => {
    expect(parseToken(generateToken("LIVE"))?.environment).toBe("LIVE");
    expect(parseToken(generateToken("TEST"))?.environment).toBe("TEST");
  });

  it("rejects a token with one character changed (checksum)", () => {
    const token = generateToken("LIVE");
    const i = 20;
    const flipped = token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
    expect(parseToken(flipped)).toBeNull();
  });

  it("rejects a forged checksum and the wrong shapes", () => {
    const token = generateToken("TEST");
    expect(parseToken(`${token.slice(0, -8)}00000000`)).toBeNull();
    expect(parseToken(token.toUpperCase())).toBeNull();
    expect(parseToken(token.replace("cc_test_", "cc_prod_"))).toBeNull();
    expect(parseToken(`${token} `)).toBeNull();
    expect(parseToken("")).toBeNull();
    expect(parseToken("Bearer " + token)).toBeNull();
  });

  it("hashes with SHA-256 of the whole token", () => {
    const token = generateToken("LIVE");
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("hints with the prefix and last four characters only", () => {
    const token = "cc_live_" + "a".repeat(64) + "_1234abcd";
    expect(tokenHint(token as PlainToken)).toBe("cc_live_…abcd");
  });

  it("issues a secret whose hash and hint belong to its token", () => {
    const { token, tokenHash, hint } = issueTokenSecret("TEST");
    expect(tokenHash).toBe(hashToken(token));
    expect(hint).toBe(tokenHint(token));
    expect(hint).not.toContain(token.slice(8, 72));
  });
});

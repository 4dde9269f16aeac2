import { describe, expect, it } from "vitest";
import {
  ApiPasswordSchema,
  CreateApiUserInput,
  RotateTokenInput,
  TokenNameSchema,
  tokenStatus,
  UpdateRateLimitInput,
  UsernameSchema,
} from "@/lib/api-users/rules";

describe("API user field rules", () => {
  const usernames: [string, boolean][] = [
    ["shop-1", true],
    ["Shop.Owner_2", true],
    ["ops@northwind.example", true],
    ["a", true],
    ["A-B.C_D@E", true],
    ["", false],
    ["has space", false],
    [" leading", false],
    ["trailing ", false],
    ["tab\there", false],
    ["semi;colon", false],
    ["slash/user", false],
    ["colon:user", false],
    ["plus+user", false],
    ["ünïcode", false],
    ["x".repeat(101), false],
  ];
  it.each(usernames)("username %j is %s", (username, good) => {
    expect(UsernameSchema.safeParse(username).success).toBe(good);
  });

  const passwords: [string, boolean][] = [
    ["secret", true],
    ["s3cr3t-P@ss!", true],
    ["      x", false],
    ["", false],
    ["five5", false],
    ["with space", false],
    ["tab\tpass", false],
    ["newline\npass", false],
    ["x".repeat(201), false],
  ];
  it.each(passwords)("password %j is %s", (password, good) => {
    expect(ApiPasswordSchema.safeParse(password).success).toBe(good);
  });

  it("needs at least one known permission and a valid optional e-mail", () => {
    const base = { username: "shop", password: "secret", scope: "" };
    const none = CreateApiUserInput.safeParse(base);
    expect(none.success).toBe(false);
    const unknown = CreateApiUserInput.safeParse({ ...base, permissions: ["admin:all"] });
    expect(unknown.success).toBe(false);
    const badEmail = CreateApiUserInput.safeParse({ ...base, permissions: ["services:list"], email: "not-an-email" });
    expect(badEmail.success).toBe(false);
    const good = CreateApiUserInput.parse({ ...base, permissions: ["services:list"], email: "" });
    expect(good).toMatchObject({ email: null, environment: "LIVE", scope: null, permissions: ["services:list"] });
    expect(
      CreateApiUserInput.parse({ ...base, permissions: ["rates:quote"], email: "Dev@Shop.Example", environment: "test" }),
    ).toMatchObject({
      email: "dev@shop.example",
      environment: "TEST",
    });
  });

  it("takes a custom rate limit from 1 to 100000, or the default", () => {
    const ref = { scope: "", apiUserId: "u1" };
    expect(UpdateRateLimitInput.parse({ ...ref, mode: "default", rateLimit: "abc" }).rateLimit).toBeNull();
    expect(UpdateRateLimitInput.parse({ ...ref, mode: "custom", rateLimit: "120" }).rateLimit).toBe(120);
    expect(UpdateRateLimitInput.parse({ ...ref, mode: "custom", rateLimit: "100000" }).rateLimit).toBe(100_000);
    for (const bad of ["0", "100001", "-5", "1.5", "", "ten"]) {
      expect(UpdateRateLimitInput.safeParse({ ...ref, mode: "custom", rateLimit: bad }).success).toBe(false);
    }
  });

  it("tells a token's status: active, expiring, expired, revoked", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const later = new Date("2030-01-02T00:00:00Z");
    const earlier = new Date("2029-12-31T00:00:00Z");
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toEqual({ kind: "active" });
    expect(tokenStatus({ revokedAt: null, expiresAt: later }, now)).toEqual({ kind: "expires", at: later });
    expect(tokenStatus({ revokedAt: null, expiresAt: earlier }, now)).toEqual({ kind: "expired", at: earlier });
    expect(tokenStatus({ revokedAt: earlier, expiresAt: later }, now)).toEqual({ kind: "revoked", at: earlier });
  });

  it("names a token by one rule: trimmed, blank is none, at most 80 characters, no control characters", () => {
    expect(TokenNameSchema.parse("  ci-server ")).toBe("ci-server");
    expect(TokenNameSchema.parse("")).toBeNull();
    expect(TokenNameSchema.parse("   ")).toBeNull();
    expect(TokenNameSchema.parse(undefined)).toBeNull();
    expect(TokenNameSchema.parse("x".repeat(80))).toBe("x".repeat(80));
    for (const bad of ["x".repeat(81), "tab\there", "line\nbreak", null, 5])
      expect(TokenNameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("rotates with one of the listed overlaps only", () => {
    const ref = { scope: "", tokenId: "t1" };
    for (const overlap of ["now", "1h", "24h", "7d"]) expect(RotateTokenInput.safeParse({ ...ref, overlap }).success).toBe(true);
    expect(RotateTokenInput.safeParse({ ...ref, overlap: "2h" }).success).toBe(false);
  });
});

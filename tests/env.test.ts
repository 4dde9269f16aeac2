import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/server/env";

describe("configuration (lib/server/env.ts)", () => {
  it("has the documented defaults, and the limiter follows the database", () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      DATABASE_POOL_SIZE: 10,
      PGLITE_DIR: "./data/pglite",
      DATA_DIR: "./data",
      TRUST_PROXY: false,
      RATE_LIMIT_STORE: "memory",
      RATE_LIMIT_POOL_SIZE: 5,
      API_TOKEN_CACHE_MS: 60_000,
      LOGIN_MAX_FAILURES_PER_IP: 50,
    });
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "postgres://app@db:5432/courier" }).RATE_LIMIT_STORE).toBe("postgres");
    expect(parseEnv({ DATABASE_URL: "postgres://app@db:5432/courier", RATE_LIMIT_STORE: "memory" }).RATE_LIMIT_STORE).toBe("memory");
  });

  it("takes an empty value as unset", () => {
    const parsed = parseEnv({ DATABASE_URL: "", PORT: "", TRUST_PROXY: "" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed).toMatchObject({ PORT: 3000, TRUST_PROXY: false });
  });

  it("reads numbers and flags", () => {
    expect(parseEnv({ PORT: "8080", API_TOKEN_CACHE_MS: "60000", TRUST_PROXY: "TRUE" })).toMatchObject({
      PORT: 8080,
      API_TOKEN_CACHE_MS: 60_000,
      TRUST_PROXY: true,
    });
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
  });

  it("names every bad variable and what is wrong, without echoing URLs or secrets", () => {
    let error: unknown;
    try {
      parseEnv({
        PORT: "80a",
        RATE_LIMIT_STORE: "memcached",
        API_TOKEN_CACHE_MS: "-1",
        TRUST_PROXY: "maybe",
        DATABASE_URL: "mysql://root:hunter2@db/x",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain('PORT must be a whole number (got "80a")');
    expect(message).toContain('RATE_LIMIT_STORE must be memory, postgres or redis (got "memcached")');
    expect(message).toContain("API_TOKEN_CACHE_MS must be a whole number");
    expect(message).toContain("TRUST_PROXY must be one of");
    expect(message).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
    expect(message).not.toContain("hunter2");
  });

  it("needs REDIS_URL for the Redis store, and never echoes it", () => {
    expect(() => parseEnv({ RATE_LIMIT_STORE: "redis" })).toThrow("REDIS_URL must be set when RATE_LIMIT_STORE is redis");
    expect(parseEnv({ RATE_LIMIT_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379/2" }).REDIS_KEY_PREFIX).toBe("courier:");
    let message = "";
    try {
      parseEnv({ REDIS_URL: "http://user:hunter2@cache:6379" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("REDIS_URL must be a redis:// or rediss:// URL");
    expect(message).not.toContain("hunter2");
  });

  it("needs NEXTAUTH_URL beside SMTP_URL (e-mailed links point to it), and never echoes the SMTP password", () => {
    expect(() => parseEnv({ SMTP_URL: "smtp://127.0.0.1:25" })).toThrow("NEXTAUTH_URL must be set when SMTP_URL is");
    expect(parseEnv({ SMTP_URL: "smtps://mail:pw@relay.example:465", NEXTAUTH_URL: "https://console.example" }).MAIL_FROM).toContain(
      "Courier Console",
    );
    let message = "";
    try {
      parseEnv({ SMTP_URL: "http://mail:hunter2@relay.example", NEXTAUTH_URL: "https://console.example" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
    expect(message).not.toContain("hunter2");
  });
});

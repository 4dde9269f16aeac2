import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  addKeyToFile,
  dropKeysFromFile,
  isUnderCurrentKey,
  openSecret,
  plainSecret,
  resealSecret,
  resetKeyring,
  sealSecret,
  sealedKeyId,
  SecretIntegrityError,
  SecretKeyError,
  secretHint,
} from "@/lib/secrets";
import { ConfigError, parseEnv, resetEnv } from "@/lib/server/env";

const key = () => randomBytes(32).toString("base64");
const at = { table: "CarrierAuth", row: "ca_1", field: "password" };

function useKeys(keys: string, current?: string) {
  vi.stubEnv("SECRET_KEYS", keys);
  vi.stubEnv("SECRET_KEY_CURRENT", current ?? "");
  resetEnv();
  resetKeyring();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
  resetKeyring();
});

describe("lib/secrets: the one door for secrets at rest", () => {
  it("round-trips a secret, names its key, and never stores the plain value", () => {
    useKeys(`a:${key()}`);
    const sealed = sealSecret(plainSecret("s3cret-Pässword"), at);
    expect(sealed).toMatch(/^v1\.a\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("s3cret");
    expect(sealedKeyId(sealed)).toBe("a");
    expect(openSecret(sealed, at)).toBe("s3cret-Pässword");
    // A fresh IV each time: the same secret never gives the same ciphertext.
    expect(sealSecret(plainSecret("s3cret-Pässword"), at)).not.toBe(sealed);
  });

  it("binds a ciphertext to its row and field: copied elsewhere it does not decrypt", () => {
    useKeys(`a:${key()}`);
    const sealed = sealSecret(plainSecret("value"), at);
    expect(() => openSecret(sealed, { ...at, row: "ca_2" })).toThrow(SecretIntegrityError);
    expect(() => openSecret(sealed, { ...at, field: "apiKey" })).toThrow(SecretIntegrityError);
    expect(() => openSecret(sealed, { ...at, table: "Other" })).toThrow(SecretIntegrityError);
  });

  it("refuses a tampered tag, ciphertext or key id", () => {
    useKeys(`a:${key()},b:${key()}`, "a");
    const sealed = sealSecret(plainSecret("value"), at);
    const [v, id, iv, tag, data] = sealed.split(".") as [string, string, string, string, string];
    const flip = (s: string) => {
      const bytes = Buffer.from(s, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    expect(() => openSecret([v, id, iv, flip(tag), data].join("."), at)).toThrow(SecretIntegrityError);
    expect(() => openSecret([v, id, iv, tag, flip(data)].join("."), at)).toThrow(SecretIntegrityError);
    expect(() => openSecret([v, "b", iv, tag, data].join("."), at)).toThrow(SecretIntegrityError);
    expect(() => openSecret("v2.a.x.y.z", at)).toThrow(SecretIntegrityError);
  });

  it("an unknown key id is a clear error naming the key, never a new key", () => {
    useKeys(`old:${key()}`);
    const sealed = sealSecret(plainSecret("value"), at);
    useKeys(`new:${key()}`);
    expect(() => openSecret(sealed, at)).toThrow(SecretKeyError);
    expect(() => openSecret(sealed, at)).toThrow(/key "old", which is not configured/);
  });

  it("reads old keys while new secrets go under the current one, and reseals under it", () => {
    const oldKey = key();
    useKeys(`old:${oldKey}`);
    const sealed = sealSecret(plainSecret("value"), at);
    useKeys(`old:${oldKey},new:${key()}`, "new");
    expect(openSecret(sealed, at)).toBe("value");
    expect(isUnderCurrentKey(sealed)).toBe(false);
    const resealed = resealSecret(sealed, at);
    expect(sealedKeyId(resealed)).toBe("new");
    expect(isUnderCurrentKey(resealed)).toBe(true);
    expect(openSecret(resealed, at)).toBe("value");
  });

  it("refuses a configured key of the wrong length, a bad entry, or a current key that is not configured", () => {
    const short = randomBytes(16).toString("base64");
    expect(() => parseEnv({ SECRET_KEYS: `a:${short}` })).toThrow(ConfigError);
    expect(() => parseEnv({ SECRET_KEYS: `a:${short}` })).toThrow(/key a must be 32 bytes/);
    expect(() => parseEnv({ SECRET_KEYS: `a:${short}` })).not.toThrow(new RegExp(short.slice(0, 8)));
    expect(() => parseEnv({ SECRET_KEYS: key() })).toThrow(/keyId:base64key/);
    expect(() => parseEnv({ SECRET_KEYS: `a:${key()},a:${key()}` })).toThrow(/appears twice/);
    expect(() => parseEnv({ SECRET_KEYS: `a:${key()},b:${key()}` })).toThrow(/SECRET_KEY_CURRENT must name the current key/);
    expect(() => parseEnv({ SECRET_KEYS: `a:${key()}`, SECRET_KEY_CURRENT: "c" })).toThrow(/names no key/);
    expect(() => parseEnv({ SECRET_KEY_CURRENT: "c" })).toThrow(/SECRET_KEYS is not/);
    expect(parseEnv({ SECRET_KEYS: `a:${key()}, b:${key()}`, SECRET_KEY_CURRENT: "b" }).SECRET_KEYS?.size).toBe(2);
  });

  it("on PostgreSQL without SECRET_KEYS it refuses to make up a key", () => {
    vi.stubEnv("SECRET_KEYS", "");
    vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
    resetEnv();
    resetKeyring();
    expect(() => sealSecret(plainSecret("value"), at)).toThrow(/SECRET_KEYS is not set/);
  });

  it("on the embedded default generates one key file (0600), keeps it, and rotates keys in it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secrets-"));
    vi.stubEnv("SECRET_KEYS", "");
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("DATA_DIR", dir);
    resetEnv();
    resetKeyring();
    const sealed = sealSecret(plainSecret("value"), at);
    const file = path.join(dir, "secret-keys");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    resetKeyring();
    expect(openSecret(sealed, at)).toBe("value");

    const first = sealedKeyId(sealed);
    const second = addKeyToFile();
    expect(second).not.toBe(first);
    expect(isUnderCurrentKey(sealed)).toBe(false);
    const resealed = resealSecret(sealed, at);
    expect(dropKeysFromFile([])).toEqual([first]);
    expect(readFileSync(file, "utf8")).not.toContain(`${first}:`);
    expect(openSecret(resealed, at)).toBe("value");
    expect(() => openSecret(sealed, at)).toThrow(SecretKeyError);
  });

  it("hints at most the last four characters, and none of a short secret", () => {
    expect(secretHint(plainSecret("abcdefghijkl"))).toBe("ijkl");
    expect(secretHint(plainSecret("short-pass1"))).toBe("");
  });
});

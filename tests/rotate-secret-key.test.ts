import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The command as an operator runs it, in its own process, on an embedded database of its
// own (what it re-encrypts is tested in tests/carrier-auths.test.ts, in process).
function rotate(dir: string, ...args: string[]) {
  const result = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/rotate-secret-key.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", SECRET_KEYS: "", SECRET_KEY_CURRENT: "", PGLITE_DIR: path.join(dir, "pglite"), DATA_DIR: dir },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const keyIds = (dir: string) =>
  readFileSync(path.join(dir, "secret-keys"), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(":")[0]);

describe("npm run secrets:rotate (scripts/rotate-secret-key.ts)", () => {
  // Three processes, each opening PGlite: slow on a busy machine.
  it("adds a key and makes it current, re-encrypts, then drops the key nothing uses", { timeout: 240_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rotate-"));
    const first = rotate(dir);
    expect(first.output).toContain("Carrier auths: 0 checked");
    expect(first.output).toContain("Webhook endpoints: 0 checked");
    expect(first.status).toBe(0);
    const [original] = keyIds(dir);

    const added = rotate(dir, "--new-key");
    expect(added.status).toBe(0);
    const ids = keyIds(dir);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(original);
    expect(added.output).toContain(`Added key ${ids[1]}`);
    expect(added.output).toContain(`No stored secret uses key(s) ${original} any more`);

    const dropped = rotate(dir, "--drop-old");
    expect(dropped.status).toBe(0);
    expect(dropped.output).toContain(`Removed key(s) ${original}`);
    expect(keyIds(dir)).toEqual([ids[1]]);
  });

  it("refuses an unknown option", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rotate-"));
    const result = rotate(dir, "--everything");
    expect(result.status).toBe(2);
    expect(result.output).toContain("Unknown option --everything");
  });
});

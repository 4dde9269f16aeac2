import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, TOASTER_STYLE_HASHES } from "@/proxy";

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;

/** The CSS sonner inserts at load, read from the installed package. */
function sonnerInsertedCss(): string {
  const entry = createRequire(import.meta.url).resolve("sonner");
  const source = readFileSync(entry.replace(/index\.js$/, "index.mjs"), "utf8");
  const literal = /__insertCSS\(("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
  if (!literal) throw new Error("sonner no longer inserts its CSS this way: look at proxy.ts TOASTER_STYLE_HASHES");
  return JSON.parse(literal) as string;
}

describe("the page CSP and the toaster", () => {
  it("allows exactly the empty <style> and sonner's stylesheet, and no other inline style", () => {
    expect(TOASTER_STYLE_HASHES).toEqual([sha256(""), sha256(sonnerInsertedCss())]);
    const csp = contentSecurityPolicy("abc");
    const styleSrc = csp.split("; ").find((d) => d.startsWith("style-src")) ?? "";
    expect(styleSrc).toBe(`style-src 'self' 'nonce-abc' ${TOASTER_STYLE_HASHES.map((h) => `'${h}'`).join(" ")}`);
    expect(csp).not.toContain("unsafe-inline");
  });
});

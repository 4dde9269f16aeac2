import { describe, expect, it } from "vitest";
import { safeRedirectPath, signInUrl } from "@/lib/auth/redirect";

const ORIGIN = "http://127.0.0.1:3000";

describe("safeRedirectPath: only same-site paths survive sign-in", () => {
  it.each([
    ["/", "/"],
    ["/activity", "/activity"],
    ["/activity?action=token.&apiUser=abc", "/activity?action=token.&apiUser=abc"],
    ["/customers/ck123?tab=api#tokens", "/customers/ck123?tab=api#tokens"],
    ["/search?q=a%20b", "/search?q=a%20b"],
    ["/a/../settings/api", "/settings/api"],
    // An absolute URL on our own origin (what next-auth hands its redirect callback).
    ["http://127.0.0.1:3000/activity?x=1", "/activity?x=1"],
  ])("keeps %j", (raw, expected) => {
    expect(safeRedirectPath(raw, ORIGIN)).toBe(expected);
  });

  it.each([
    // The reported ones, as the page receives them (decoded once) and still encoded.
    "/\\evil.example/",
    "/%5Cevil.example/",
    "/%5cevil.example/",
    "/\t/evil.example/",
    "/%09/evil.example/",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/%00/evil.example",
    // Protocol-relative and its disguises.
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%252F%252Fevil.example",
    "/%255Cevil.example",
    "/..//evil.example",
    "/.//evil.example/..//evil.example",
    " /\\evil.example",
    "\t//evil.example",
    "/ /evil.example",
    "/\u3000/evil.example",
    "/\u200b/evil.example",
    // Absolute URLs elsewhere, and other schemes.
    "https://evil.example/",
    "http://evil.example",
    "HTTP://evil.example",
    "http://127.0.0.1:3001/activity",
    "https://127.0.0.1:3000/activity",
    "http://user:pass@127.0.0.1:3000/",
    "http://127.0.0.1:3000.evil.example/",
    "http:/evil.example",
    "http:\\\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "evil.example",
    "activity",
    "?callbackUrl=//evil.example",
    "#//evil.example",
    "",
    "/%E0%A4%A",
    `/${"a".repeat(2001)}`,
  ])("refuses %j", (raw) => {
    expect(safeRedirectPath(raw, ORIGIN)).toBeNull();
    expect(safeRedirectPath(raw)).toBeNull();
  });

  it("refuses what is not a string", () => {
    for (const raw of [undefined, null, 42, ["/activity"], { toString: () => "/activity" }]) expect(safeRedirectPath(raw)).toBeNull();
  });

  it("takes an absolute URL only when it knows the origin", () => {
    expect(safeRedirectPath("http://127.0.0.1:3000/activity")).toBeNull();
  });

  it("builds the sign-in URL that comes back", () => {
    expect(signInUrl("/activity?action=token.")).toBe("/signin?callbackUrl=%2Factivity%3Faction%3Dtoken.");
    expect(signInUrl("/")).toBe("/signin");
    expect(signInUrl("//evil.example")).toBe("/signin");
    expect(signInUrl(null)).toBe("/signin");
  });
});

import { describe, expect, it } from "vitest";
import { searchText } from "@/lib/server/search-text";

describe("search text from the URL", () => {
  it("keeps printable text, trimmed, and makes anything else no search at all", () => {
    const search = searchText(10);
    expect(search.parse("  north  ")).toBe("north");
    expect(search.parse("Łódź 😀")).toBe("Łódź 😀");
    expect(search.parse(undefined)).toBeUndefined();
    for (const bad of ["\u0000", "a\u0000b", "tab\there", "line\nbreak", "x".repeat(11), 42]) {
      expect(search.parse(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

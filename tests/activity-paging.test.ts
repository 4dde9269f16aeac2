import { describe, expect, it } from "vitest";
import { recordActivity } from "@/lib/activity/events";
import { activityFilter, activityPage, parseActivityCursor, parseActivityQuery } from "@/lib/activity/log";
import { db } from "@/lib/db";
import { makeTenant } from "./support/fixtures";

describe("activity paging: events of the same millisecond", () => {
  it("loses none and repeats none across a page boundary", async () => {
    const tenant = await makeTenant();
    const at = new Date(Date.UTC(2030, 5, 1, 12, 0, 0, 123));
    // 2 older, 5 in the same millisecond (like an API user's create and its token's issue), 2 newer.
    const times = [-2000, -1000, 0, 0, 0, 0, 0, 1000, 2000].map((offset) => new Date(at.getTime() + offset));
    for (const [i, createdAt] of times.entries()) {
      await recordActivity({ tenantId: tenant.id, actor: "a@x.example", action: `test.${i}`, createdAt });
    }
    const prisma = await db();
    const all = await prisma.activityEvent.findMany({ where: { tenantId: tenant.id } });
    expect(all).toHaveLength(9);

    // Page sizes 3 and 4 both cut through the five events of one millisecond.
    for (const size of [3, 4]) {
      const seen: string[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        // Through the URL's parser, as the page and the CSV export read it.
        const page = await activityPage(activityFilter(tenant.id, parseActivityQuery(before ? { before } : {})), size);
        seen.push(...page.events.map((e) => e.id));
        if (!page.older) break;
        before = page.older;
      }
      expect(new Set(seen).size, `page size ${size}`).toBe(9);
      expect(seen).toHaveLength(9);
      const times = seen.map((id) => all.find((e) => e.id === id)?.createdAt.getTime() ?? 0);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it("reads a cursor as time and id, a bare time as before, and nothing else", () => {
    expect(parseActivityCursor("2030-06-01T12:00:00.123Z_cmabc123")).toEqual({
      createdAt: new Date("2030-06-01T12:00:00.123Z"),
      id: "cmabc123",
    });
    expect(parseActivityCursor("2030-06-01T12:00:00.000Z")).toEqual({ createdAt: new Date("2030-06-01T12:00:00.000Z") });
    for (const bad of [
      "",
      "yesterday",
      "2030-06-01",
      "2030-06-01T12:00:00.000Z_",
      "2030-06-01T12:00:00.000Z_a'b",
      "2030-13-45T99:00:00Z_x",
    ]) {
      expect(parseActivityCursor(bad), bad).toBeNull();
      expect(parseActivityQuery({ before: bad }).before, bad).toBeUndefined();
    }
  });
});

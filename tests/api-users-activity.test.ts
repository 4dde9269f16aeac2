import { describe, expect, it } from "vitest";
import { recordActivity, recentActivity } from "@/lib/activity/events";
import { activityCsv, activityFilter, activityPage, parseActivityQuery } from "@/lib/activity/log";
import { makeTenant } from "./support/fixtures";

describe("activity log (filters, paging, CSV)", () => {
  it("parses the query string and ignores what is not valid", () => {
    expect(parseActivityQuery({ action: "token.", apiUser: "u1", before: "2030-01-01T00:00:00.000Z" })).toEqual({
      action: "token.",
      apiUser: "u1",
      before: "2030-01-01T00:00:00.000Z",
    });
    expect(parseActivityQuery({ action: "drop table;", before: "yesterday", apiUser: ["a", "b"] })).toEqual({
      action: undefined,
      apiUser: "a",
      before: undefined,
    });
    expect(parseActivityQuery({})).toEqual({ action: undefined, apiUser: undefined, before: undefined });
  });

  it("pages back with `before` and filters by action prefix, in one tenant only", async () => {
    const tenant = await makeTenant();
    const other = await makeTenant();
    const start = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 7; i++) {
      await recordActivity({
        tenantId: tenant.id,
        actor: "a@x.example",
        action: i % 2 ? "token.revoke" : "api_user.create",
        createdAt: new Date(start + i * 1000),
      });
    }
    await recordActivity({ tenantId: other.id, actor: "b@x.example", action: "token.revoke" });

    const first = await activityPage(activityFilter(tenant.id, {}), 3);
    expect(first.events.map((e) => e.createdAt.getTime())).toEqual([6, 5, 4].map((i) => start + i * 1000));
    expect(first.older).toBe(`${new Date(start + 4000).toISOString()}_${first.events[2]?.id}`);
    const second = await activityPage(activityFilter(tenant.id, { before: first.older ?? undefined }), 3);
    expect(second.events.map((e) => e.createdAt.getTime())).toEqual([3, 2, 1].map((i) => start + i * 1000));
    const last = await activityPage(activityFilter(tenant.id, { before: second.older ?? undefined }), 3);
    expect(last.events).toHaveLength(1);
    expect(last.older).toBeNull();

    const tokens = await recentActivity(activityFilter(tenant.id, { action: "token." }), 50);
    expect(tokens.map((e) => e.action)).toEqual(["token.revoke", "token.revoke", "token.revoke"]);
  });

  it("writes CSV with quoting and no spreadsheet formulas", () => {
    const csv = activityCsv([
      {
        id: "1",
        createdAt: new Date("2030-01-01T00:00:00Z"),
        actor: "=cmd()",
        action: "token.issue",
        method: null,
        path: null,
        status: null,
        ip: "203.0.113.1",
        details: { username: 'shop, "one"', hint: "cc_live_…abcd" },
        apiUser: { id: "u1", username: "shop", deletedAt: null },
      },
    ]);
    const [header, row] = csv.split("\r\n");
    expect(header).toBe("time,username,action,actor,method,path,status,ip,details");
    expect(row).toBe(
      `2030-01-01T00:00:00.000Z,shop,token.issue,'=cmd(),,,,203.0.113.1,"{""username"":""shop, \\""one\\"""",""hint"":""cc_live_…abcd""}"`,
    );
  });
});

import { describe, expect, it } from "vitest";
import { detailLines } from "@/components/api-access/activity-details";
import { permissionSummary } from "@/components/api-access/permission-summary";
import { relativeTime } from "@/components/time-format";

// Issue 16, item 6: details read as a before → after, permissions by their names.
describe("activity details as people read them", () => {
  it("shows a permission change as what was added and removed, by name", () => {
    const lines = detailLines("permissions.update", {
      username: "erp",
      before: ["shipments:read", "shipments:cancel"],
      permissions: ["shipments:read", "shipments:create"],
    });
    expect(lines).toEqual([{ kind: "permissions", label: "Permissions", added: ["Create shipments"], removed: ["Cancel shipments"] }]);
  });

  it("shows a change with `after` as before → after and hides what is meant for programs", () => {
    const lines = detailLines("rate_table.price_update", {
      rateTable: "Default",
      band: 0,
      before: "7.25",
      after: "8.00",
      beforeCents: 725,
      afterCents: 800,
    });
    expect(lines[0]).toEqual({ kind: "change", label: "Price", before: "7.25", after: "8.00" });
    expect(lines.map((line) => line.label)).toEqual(["Price", "Rate table", "Band"]);
  });

  it("names the new value of a rename and an empty name as none", () => {
    expect(detailLines("token.rename", { hint: "cc_live_…ab12", before: null, name: "ERP" })).toEqual([
      { kind: "change", label: "Name", before: "none", after: "ERP" },
      { kind: "fact", label: "Token", value: "cc_live_…ab12" },
    ]);
  });

  it("lists plain facts with labels and permission keys by name", () => {
    expect(detailLines("api_user.create", { username: "erp", email: null, permissions: ["labels:read"], testing: true })).toEqual([
      { kind: "fact", label: "Permissions", value: "Print labels" },
      { kind: "fact", label: "Testing", value: "yes" },
    ]);
    expect(detailLines("auth.login", null)).toEqual([]);
  });

  it("summarises permissions by name", () => {
    expect(permissionSummary(["shipments:read"])).toBe("Read shipments");
    expect(permissionSummary(["shipments:read", "tracking:read", "labels:read"])).toBe("Read shipments, Track shipments +1 more");
    expect(permissionSummary([])).toBe("None");
  });
});

describe("relative time", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  const ago = (seconds: number) => relativeTime(new Date(now - seconds * 1000), now);
  it("reads as people say it, and as a date once it is old", () => {
    expect(ago(10)).toBe("just now");
    expect(ago(3 * 60 + 5)).toBe("3 minutes ago");
    expect(ago(5 * 3600)).toBe("5 hours ago");
    expect(ago(3 * 86400)).toBe("3 days ago");
    expect(ago(-2 * 86400)).toBe("in 2 days");
    expect(ago(40 * 86400)).toBe("16 Oct 2026");
  });
});

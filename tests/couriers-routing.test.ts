import { describe, expect, it } from "vitest";
import { labelZpl, type LabelData } from "@/lib/couriers/labels";
import { formatSortCode, sortCode } from "@/lib/couriers/routing";
import { ADDRESS, PARCEL } from "./support/couriers";

describe("the label's sort code", () => {
  it("is country, the postal code's first two characters (depot) and the next two (route)", () => {
    const code = (country: string, postal_code: string) => formatSortCode(sortCode({ country, postal_code }));
    expect(code("DE", "10115")).toBe("DE 10 11");
    expect(code("DE", "80331")).toBe("DE 80 33");
    expect(code("gb", "sw1a 1aa")).toBe("GB SW 1A");
    expect(code("NL", "1012-AB")).toBe("NL 10 12");
    expect(code("IE", "D02 X285")).toBe("IE D0 2X");
    // Short codes are padded with 0, so every code has the same shape.
    expect(code("AT", "101")).toBe("AT 10 10");
    expect(code("XK", "12")).toBe("XK 12 00");
    // Deterministic: the same destination always gives the same code.
    expect(sortCode({ country: "DE", postal_code: "10115" })).toEqual(sortCode({ country: "DE", postal_code: " 10115 " }));
  });

  it("is printed once, large, with the service once beside it (ZPL)", () => {
    const data: LabelData = {
      awb: "12345678903",
      courier: "Demo Couriers",
      service: { code: "STANDARD", name: "Standard" },
      environment: "LIVE",
      reference: null,
      sender: { ...ADDRESS, postal_code: "20095", city: "Hamburg" },
      recipient: ADDRESS,
      parcels: [PARCEL],
      weightGrams: 1200,
      billableGrams: 1200,
      createdAt: new Date("2026-01-02T03:04:05Z"),
    };
    const zpl = labelZpl(data);
    expect(zpl).toContain("^A0N,80,80^FR^FDDE 10 11^FS");
    expect(zpl.match(/STANDARD/gi)).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { awbCheckDigit, generateAwb, isValidAwb } from "@/lib/couriers/awb";
import { money } from "@/lib/couriers/money";
import { parcelWeights, priceFor, quote, volumetricGrams } from "@/lib/couriers/rates";
import { QuoteInput } from "@/lib/couriers/schemas";
import { AppError } from "@/lib/server/errors";
import { db } from "@/lib/db";
import { makeCourierTenant, PARCEL } from "./support/couriers";

const BANDS = [
  { maxGrams: 1000, priceCents: 590 },
  { maxGrams: 2000, priceCents: 690 },
  { maxGrams: 5000, priceCents: 890 },
];

describe("pricing", () => {
  it("takes the first band whose maxGrams holds the billable weight", () => {
    expect(priceFor(BANDS, 95, 1)).toBe(590);
    expect(priceFor(BANDS, 95, 1000)).toBe(590);
    expect(priceFor(BANDS, 95, 1001)).toBe(690);
    expect(priceFor(BANDS, 95, 5000)).toBe(890);
  });

  it("adds the extra price for every started kilogram above the top band", () => {
    expect(priceFor(BANDS, 95, 5001)).toBe(890 + 95);
    expect(priceFor(BANDS, 95, 6000)).toBe(890 + 95);
    expect(priceFor(BANDS, 95, 6001)).toBe(890 + 2 * 95);
    expect(priceFor(BANDS, 95, 12_345)).toBe(890 + 8 * 95);
  });

  it("bills the greater of actual and volumetric weight (L×W×H / 5000 kg), per parcel, summed", () => {
    expect(volumetricGrams({ length_cm: 50, width_cm: 40, height_cm: 30 })).toBe(12_000);
    expect(volumetricGrams({ length_cm: 10, width_cm: 10, height_cm: 10 })).toBe(200);
    expect(volumetricGrams({ length_cm: 10.1, width_cm: 10, height_cm: 10 })).toBe(202);
    const light = { weight_grams: 500, length_cm: 50, width_cm: 40, height_cm: 30 }; // bulky: 12 kg volumetric
    const heavy = { weight_grams: 9000, length_cm: 20, width_cm: 20, height_cm: 20 }; // dense: 1.6 kg volumetric
    expect(parcelWeights([light, heavy])).toEqual({ weightGrams: 9500, volumetricGrams: 13_600, billableGrams: 21_000 });
  });

  it("formats money as a decimal string with integer cents", () => {
    expect(money(1250, "EUR")).toEqual({ amount: "12.50", amount_cents: 1250, currency: "EUR" });
    expect(money(5, "EUR").amount).toBe("0.05");
    expect(money(100_000, "EUR").amount).toBe("1000.00");
  });
});

describe("AWB", () => {
  it("has 11 digits whose last is the mod-11 check digit", () => {
    for (let i = 0; i < 500; i++) {
      const awb = generateAwb();
      expect(awb).toMatch(/^[1-9]\d{10}$/);
      expect(isValidAwb(awb)).toBe(true);
      expect(Number(awb[10])).toBe(awbCheckDigit(awb.slice(0, 10)));
    }
  });

  it("catches every single-digit change and every swap of neighbours", () => {
    const awb = generateAwb();
    for (let i = 0; i < 11; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = awb.slice(0, i) + d + awb.slice(i + 1);
        if (changed !== awb) expect(isValidAwb(changed), changed).toBe(false);
      }
    }
    for (let i = 0; i < 10; i++) {
      const swapped = awb.slice(0, i) + awb[i + 1] + awb[i] + awb.slice(i + 2);
      if (swapped !== awb) expect(isValidAwb(swapped), swapped).toBe(false);
    }
    expect(isValidAwb(`${awb}0`)).toBe(false);
    expect(isValidAwb("")).toBe(false);
    expect(isValidAwb("abc")).toBe(false);
  });
});

describe("quotes", () => {
  const input = (weight_grams: number, service?: string) =>
    QuoteInput.parse({
      from: { postal_code: "20095", country: "de" },
      to: { postal_code: "10115", country: "DE" },
      parcels: [{ ...PARCEL, weight_grams }],
      service,
    });

  it("prices every active service from the tenant default table", async () => {
    const t = await makeCourierTenant();
    const q = await quote(t.scope(null), input(1200));
    expect(q.rate_table.id).toBe(t.catalog.defaultTableId);
    expect(q.billable_grams).toBe(1200);
    // SAMEDAY is inactive: not offered.
    expect(q.rates.map((r) => [r.service.code, r.price.amount_cents])).toEqual([
      ["ECONOMY", 490],
      ["EXPRESS", 1190],
      ["STANDARD", 690],
    ]);
  });

  it("uses the customer's linked table: two customers get different prices", async () => {
    const t = await makeCourierTenant();
    const a = await quote(t.scope(t.customerA.id), input(1200, "STANDARD"));
    const b = await quote(t.scope(t.customerB.id), input(1200, "STANDARD"));
    expect(a.rate_table.id).toBe(t.catalog.contractTableId);
    expect(b.rate_table.id).toBe(t.catalog.defaultTableId);
    expect(a.rates[0]?.price).toEqual({ amount: "5.90", amount_cents: 590, currency: "EUR" });
    expect(b.rates[0]?.price).toEqual({ amount: "6.90", amount_cents: 690, currency: "EUR" });
  });

  it("refuses a service that is inactive, unknown or of another tenant with 422 on the field", async () => {
    const t = await makeCourierTenant();
    const other = await makeCourierTenant();
    for (const code of ["SAMEDAY", "NOPE"]) {
      const error = await quote(t.scope(null), input(1000, code)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).details).toEqual({ fields: { service: [expect.stringContaining(code)] } });
    }
    // The other tenant's catalog has the same codes but its own ids: never mixed in.
    const q = await quote(other.scope(null), input(1000));
    const prisma = await db();
    const ours = await prisma.service.findMany({ where: { tenantId: t.tenant.id }, select: { code: true } });
    expect(q.rates.length).toBe(ours.length - 1);
  });

  it("reports every invalid field of a quote request", () => {
    const parsed = QuoteInput.safeParse({
      from: { country: "Germany" },
      to: {},
      parcels: [{ weight_grams: 0, length_cm: -1, width_cm: 10 }],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(
      [
        "from.country",
        "from.postal_code",
        "parcels.0.height_cm",
        "parcels.0.length_cm",
        "parcels.0.weight_grams",
        "to.country",
        "to.postal_code",
      ].sort(),
    );
  });
});

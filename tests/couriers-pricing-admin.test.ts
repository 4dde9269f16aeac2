import { describe, expect, it } from "vitest";
import { recentActivity } from "@/lib/activity/events";
import { db } from "@/lib/db";
import { quote } from "@/lib/couriers/rates";
import {
  LinkRateTableInput,
  linkRateTable,
  listServices,
  pricingCatalog,
  RulePriceInput,
  setRulePrice,
  setServiceActive,
} from "@/lib/couriers/services";
import { QuoteInput } from "@/lib/couriers/schemas";
import { makeCourierTenant, PARCEL, rejection } from "./support/couriers";

const actor = { email: "owner@pricing.example", ip: "203.0.113.9" };

const input = QuoteInput.parse({
  from: { postal_code: "20095", country: "DE" },
  to: { postal_code: "10115", country: "DE" },
  parcels: [PARCEL],
  service: "STANDARD",
});

describe("Services & Pricing (dashboard)", () => {
  it("changes a band price and the extra per kg; the next quote uses them", async () => {
    const t = await makeCourierTenant();
    const catalog = await pricingCatalog({ tenantId: t.tenant.id });
    const rule = catalog.rateTables.find((r) => r.id === t.catalog.defaultTableId)?.rules.find((r) => r.service.code === "STANDARD");
    if (!rule) throw new Error("no STANDARD rule");
    const form = RulePriceInput.parse({ ruleId: rule.id, band: "1", price: "7,25" });
    expect(form).toEqual({ ruleId: rule.id, band: 1, price: 725 });
    await setRulePrice({ tenantId: t.tenant.id }, actor, form.ruleId, form.band, form.price);
    expect((await quote(t.scope(null), input)).rates[0]?.price.amount).toBe("7.25");
    await setRulePrice({ tenantId: t.tenant.id }, actor, rule.id, "extra", 111);
    const heavy = QuoteInput.parse({ ...input, parcels: [{ ...PARCEL, weight_grams: 21_500 }] });
    expect((await quote(t.scope(null), heavy)).rates[0]?.price.amount_cents).toBe(1890 + 2 * 111);
    expect(RulePriceInput.safeParse({ ruleId: rule.id, band: "0", price: "abc" }).success).toBe(false);
    expect((await rejection(setRulePrice({ tenantId: t.tenant.id }, actor, rule.id, 9, 100))).status).toBe(422);
  });

  it("switches services on and off, and links customers to tables, only within the tenant", async () => {
    const t = await makeCourierTenant();
    const other = await makeCourierTenant();
    const mine = { tenantId: t.tenant.id };
    const sameday = t.catalog.services.SAMEDAY ?? "";
    await setServiceActive(mine, actor, sameday, true);
    expect((await listServices(t.scope(null))).map((s) => s.code)).toContain("SAMEDAY");
    expect((await rejection(setServiceActive({ tenantId: other.tenant.id }, actor, sameday, false))).status).toBe(404);
    expect((await listServices(t.scope(null))).map((s) => s.code)).toContain("SAMEDAY");

    const link = LinkRateTableInput.parse({ customerId: t.customerB.id, rateTableId: t.catalog.contractTableId });
    await linkRateTable(mine, actor, link.customerId, link.rateTableId);
    expect((await quote(t.scope(t.customerB.id), input)).rate_table.id).toBe(t.catalog.contractTableId);
    // Another tenant's table or customer is refused.
    expect((await rejection(linkRateTable(mine, actor, t.customerB.id, other.catalog.contractTableId))).status).toBe(422);
    expect((await rejection(linkRateTable({ tenantId: other.tenant.id }, actor, t.customerB.id, null))).status).toBe(404);
    // Back to the default ("" in the form).
    const unlink = LinkRateTableInput.parse({ customerId: t.customerB.id, rateTableId: "" });
    await linkRateTable(mine, actor, unlink.customerId, unlink.rateTableId);
    expect((await quote(t.scope(t.customerB.id), input)).rate_table.id).toBe(t.catalog.defaultTableId);
    const foreignRule = (await pricingCatalog({ tenantId: other.tenant.id })).rateTables[0]?.rules[0]?.id ?? "";
    expect((await rejection(setRulePrice(mine, actor, foreignRule, 0, 1))).status).toBe(404);
  });

  it("writes one activity event per change, by the member, with before and after", async () => {
    const t = await makeCourierTenant();
    const mine = { tenantId: t.tenant.id };
    const prisma = await db();
    const events = async () =>
      (await prisma.activityEvent.findMany({ where: { tenantId: t.tenant.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).filter(
        (e) => !e.action.startsWith("api_user.") && !e.action.startsWith("token."),
      );
    const baseline = (await events()).length;

    const sameday = t.catalog.services.SAMEDAY ?? "";
    await setServiceActive(mine, actor, sameday, true);
    await setServiceActive(mine, actor, sameday, true); // no change: no event
    await setServiceActive(mine, actor, sameday, false);
    const rule = (await pricingCatalog(mine)).rateTables
      .find((r) => r.id === t.catalog.defaultTableId)
      ?.rules.find((r) => r.service.code === "STANDARD");
    if (!rule) throw new Error("no STANDARD rule");
    await setRulePrice(mine, actor, rule.id, 1, 725);
    await setRulePrice(mine, actor, rule.id, "extra", 111);
    await linkRateTable(mine, actor, t.customerB.id, t.catalog.contractTableId);
    await linkRateTable(mine, actor, t.customerB.id, null);
    // Refused changes leave no event.
    await rejection(setRulePrice(mine, actor, rule.id, 9, 100));
    await rejection(setServiceActive({ tenantId: (await makeCourierTenant()).tenant.id }, actor, sameday, true));

    const written = (await events()).slice(baseline);
    expect(written.map((e) => e.action)).toEqual([
      "service.activate",
      "service.deactivate",
      "rate_table.price_update",
      "rate_table.price_update",
      "customer.rate_table_link",
      "customer.rate_table_link",
    ]);
    for (const e of written) expect(e).toMatchObject({ actor: actor.email, ip: actor.ip });
    expect(written[0]?.details).toEqual({ service: "SAMEDAY", name: expect.any(String), before: "inactive", after: "active" });
    expect(written[1]?.details).toMatchObject({ before: "active", after: "inactive" });
    expect(written[2]?.details).toMatchObject({
      service: "STANDARD",
      band: 1,
      maxGrams: 2000,
      before: "6.90",
      after: "7.25",
      beforeCents: 690,
      afterCents: 725,
      currency: "EUR",
    });
    expect(written[3]?.details).toMatchObject({
      service: "STANDARD",
      band: "extra per kg",
      before: "0.95",
      after: "1.11",
      beforeCents: 95,
      afterCents: 111,
    });
    expect(written[4]).toMatchObject({
      customerId: t.customerB.id,
      details: {
        before: "tenant default",
        beforeRateTableId: null,
        after: expect.any(String),
        afterRateTableId: t.catalog.contractTableId,
      },
    });
    expect(written[5]?.details).toMatchObject({
      beforeRateTableId: t.catalog.contractTableId,
      after: "tenant default",
      afterRateTableId: null,
    });
    // The whole tenant's log shows them; the API Access sections (tenant-wide, per customer) do not.
    expect((await recentActivity({ tenantId: t.tenant.id }, 50)).map((e) => e.action)).toContain("customer.rate_table_link");
    for (const customerId of [null, t.customerB.id]) {
      expect((await recentActivity({ tenantId: t.tenant.id, customerId }, 50)).filter((e) => !e.apiUser)).toEqual([]);
    }
    // Flat values only: the activity table shows each as "key: value".
    for (const e of written)
      for (const value of Object.values(e.details ?? {})) expect(typeof value === "object" && value !== null).toBe(false);
  });
});

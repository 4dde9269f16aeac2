import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recentActivity } from "@/lib/activity/events";
import { db } from "@/lib/db";
import { quote } from "@/lib/couriers/rates";
import {
  LinkRateTableInput,
  linkRateTable,
  listServices,
  pricingCatalog,
  priceField,
  RateTablePricesInput,
  saveRateTablePrices,
  setServiceActive,
} from "@/lib/couriers/services";
import { QuoteInput } from "@/lib/couriers/schemas";
import { makeCourierTenant, PARCEL, rejection } from "./support/couriers";

const actor = { email: "owner@pricing.example", ip: "203.0.113.9" };

const input_ = QuoteInput.parse({
  from: { postal_code: "20095", country: "DE" },
  to: { postal_code: "10115", country: "DE" },
  parcels: [PARCEL],
  service: "STANDARD",
});

describe("Services & Pricing (dashboard)", () => {
  it("saves a whole rate table at once; the next quote uses the new prices", async () => {
    const t = await makeCourierTenant();
    const mine = { tenantId: t.tenant.id };
    const table = (await pricingCatalog(mine)).rateTables.find((r) => r.id === t.catalog.defaultTableId);
    const rule = table?.rules.find((r) => r.service.code === "STANDARD");
    if (!table || !rule) throw new Error("no STANDARD rule");
    // The form sends every price of the table; only the ones that differ change.
    const form: Record<string, string> = { rateTableId: table.id };
    for (const r of table.rules) {
      const bands = r.bands as { priceCents: number }[];
      bands.forEach((b, i) => (form[priceField(r.id, i)] = (b.priceCents / 100).toFixed(2)));
      form[priceField(r.id, "extra")] = (r.extraPerKgCents / 100).toFixed(2);
    }
    form[priceField(rule.id, 1)] = "7,25";
    form[priceField(rule.id, "extra")] = "1.11";
    const input = RateTablePricesInput.parse(form);
    expect(input.prices).toContainEqual({ field: priceField(rule.id, 1), ruleId: rule.id, band: 1, cents: 725 });
    expect(await saveRateTablePrices(mine, actor, input.rateTableId, input.prices)).toEqual({ changed: 2 });
    expect((await quote(t.scope(null), input_)).rates[0]?.price.amount).toBe("7.25");
    const heavy = QuoteInput.parse({ ...input_, parcels: [{ ...PARCEL, weight_grams: 21_500 }] });
    expect((await quote(t.scope(null), heavy)).rates[0]?.price.amount_cents).toBe(1890 + 2 * 111);
    // The same form again changes nothing.
    expect(await saveRateTablePrices(mine, actor, input.rateTableId, input.prices)).toEqual({ changed: 0 });

    // A form opened before that save (it shows 6.90 and 0.95) saves a change of its own
    // and does not put back the prices it still shows.
    const stale: Record<string, string> = { rateTableId: table.id };
    for (const [field, value] of Object.entries(form)) {
      if (!field.startsWith("price.")) continue;
      const shown = field === priceField(rule.id, 1) ? "6.90" : field === priceField(rule.id, "extra") ? "0.95" : value;
      stale[field] = shown;
      stale[field.replace("price.", "shown.")] = shown;
    }
    stale[priceField(rule.id, 0)] = "6.10";
    const staleInput = RateTablePricesInput.parse(stale);
    expect(staleInput.prices).toContainEqual({ field: priceField(rule.id, 1), ruleId: rule.id, band: 1, cents: 690, shownCents: 690 });
    expect(await saveRateTablePrices(mine, actor, staleInput.rateTableId, staleInput.prices)).toEqual({ changed: 1 });
    expect((await quote(t.scope(null), input_)).rates[0]?.price.amount).toBe("7.25");
    expect((await quote(t.scope(null), heavy)).rates[0]?.price.amount_cents).toBe(1890 + 2 * 111);
  });

  it("a bad amount is an error on its own field, and nothing of the form is saved", async () => {
    const t = await makeCourierTenant();
    const mine = { tenantId: t.tenant.id };
    const rule = (await pricingCatalog(mine)).rateTables.find((r) => r.id === t.catalog.defaultTableId)?.rules[0];
    if (!rule) throw new Error("no rule");
    const bad = RateTablePricesInput.safeParse({
      rateTableId: t.catalog.defaultTableId,
      [priceField(rule.id, 0)]: "1.23",
      [priceField(rule.id, 1)]: "12,345",
      [priceField(rule.id, "extra")]: "abc",
    });
    expect(bad.success).toBe(false);
    expect(bad.error && z.flattenError(bad.error).fieldErrors).toEqual({
      [priceField(rule.id, 1)]: ["An amount such as 5.90 (up to 100,000.00)."],
      [priceField(rule.id, "extra")]: ["An amount such as 5.90 (up to 100,000.00)."],
    });
    const stray = RateTablePricesInput.safeParse({ rateTableId: "t", "price.x.y": "1" });
    expect(stray.error && z.flattenError(stray.error).fieldErrors).toEqual({ "price.x.y": ["Not a price of this table."] });
    // Well-formed but wrong: a band the rule lacks, another table's rule. The whole save is
    // refused with the error on those fields; the good price beside them is not written.
    const before = await db().then((p) => p.rateRule.findMany({ where: { rateTable: { tenantId: t.tenant.id } } }));
    const other = await makeCourierTenant();
    const foreignRule = (await pricingCatalog({ tenantId: other.tenant.id })).rateTables[0]?.rules[0]?.id ?? "";
    const error = await rejection(
      saveRateTablePrices(mine, actor, t.catalog.defaultTableId, [
        { field: priceField(rule.id, 0), ruleId: rule.id, band: 0, cents: 123 },
        { field: priceField(rule.id, 9), ruleId: rule.id, band: 9, cents: 100 },
        { field: priceField(foreignRule, 0), ruleId: foreignRule, band: 0, cents: 100 },
      ]),
    );
    expect(error.status).toBe(422);
    expect(error.details).toEqual({
      fields: {
        [priceField(rule.id, 9)]: ["No such price in this table."],
        [priceField(foreignRule, 0)]: ["No such price in this table."],
      },
    });
    expect(await db().then((p) => p.rateRule.findMany({ where: { rateTable: { tenantId: t.tenant.id } } }))).toEqual(before);
    // Another tenant's table is a 404.
    const foreignTable = other.catalog.defaultTableId;
    expect((await rejection(saveRateTablePrices(mine, actor, foreignTable, []))).status).toBe(404);
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
    expect((await quote(t.scope(t.customerB.id), input_)).rate_table.id).toBe(t.catalog.contractTableId);
    // Another tenant's table or customer is refused.
    expect((await rejection(linkRateTable(mine, actor, t.customerB.id, other.catalog.contractTableId))).status).toBe(422);
    expect((await rejection(linkRateTable({ tenantId: other.tenant.id }, actor, t.customerB.id, null))).status).toBe(404);
    // Back to the default ("" in the form).
    const unlink = LinkRateTableInput.parse({ customerId: t.customerB.id, rateTableId: "" });
    await linkRateTable(mine, actor, unlink.customerId, unlink.rateTableId);
    expect((await quote(t.scope(t.customerB.id), input_)).rate_table.id).toBe(t.catalog.defaultTableId);
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
    await saveRateTablePrices(mine, actor, t.catalog.defaultTableId, [
      { field: priceField(rule.id, 1), ruleId: rule.id, band: 1, cents: 725 },
      { field: priceField(rule.id, "extra"), ruleId: rule.id, band: "extra", cents: 111 },
    ]);
    await linkRateTable(mine, actor, t.customerB.id, t.catalog.contractTableId);
    await linkRateTable(mine, actor, t.customerB.id, null);
    // Refused changes leave no event.
    await rejection(
      saveRateTablePrices(mine, actor, t.catalog.defaultTableId, [
        { field: priceField(rule.id, 0), ruleId: rule.id, band: 0, cents: 1 },
        { field: priceField(rule.id, 9), ruleId: rule.id, band: 9, cents: 100 },
      ]),
    );
    await rejection(setServiceActive({ tenantId: (await makeCourierTenant()).tenant.id }, actor, sameday, true));

    const written = (await events()).slice(baseline);
    expect(written.map((e) => e.action)).toEqual([
      "service.activate",
      "service.deactivate",
      "rate_table.price_update",
      "customer.rate_table_link",
      "customer.rate_table_link",
    ]);
    for (const e of written) expect(e).toMatchObject({ actor: actor.email, ip: actor.ip });
    expect(written[0]?.details).toEqual({ service: "SAMEDAY", name: expect.any(String), before: "inactive", after: "active" });
    expect(written[1]?.details).toMatchObject({ before: "active", after: "inactive" });
    // One save, one event, each changed price as "before → after".
    expect(written[2]?.details).toEqual({
      rateTable: expect.any(String),
      currency: "EUR",
      changed: 2,
      "STANDARD up to 2 kg": "6.90 → 7.25",
      "STANDARD per extra kg": "0.95 → 1.11",
    });
    expect(written[3]).toMatchObject({
      customerId: t.customerB.id,
      details: {
        before: "tenant default",
        beforeRateTableId: null,
        after: expect.any(String),
        afterRateTableId: t.catalog.contractTableId,
      },
    });
    expect(written[4]?.details).toMatchObject({
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

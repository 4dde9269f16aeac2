import { beforeAll, describe, expect, it } from "vitest";
import { quote } from "@/lib/couriers/rates";
import { CreateShipmentInput, QuoteInput } from "@/lib/couriers/schemas";
import { linkRateTable, priceField, saveRateTablePrices, setServiceActive } from "@/lib/couriers/services";
import { createShipment } from "@/lib/couriers/shipments";
import { db } from "@/lib/db";
import { changeFeedReady } from "@/lib/db/broadcast";
import { ADDRESS, makeCourierTenant, PARCEL, rejection } from "./support/couriers";

const actor = { email: "owner@pricing.example", ip: null };

const quoteInput = QuoteInput.parse({
  from: { postal_code: "20095", country: "DE" },
  to: { postal_code: "10115", country: "DE" },
  parcels: [PARCEL],
  service: "STANDARD",
});
const shipmentInput = CreateShipmentInput.parse({ service: "STANDARD", sender: ADDRESS, recipient: ADDRESS, parcels: [PARCEL] });

describe("rate tables from memory", () => {
  // Opening (and migrating) the database is the slow part on a busy machine: a hook's time, not a test's.
  beforeAll(() => db());

  it("prices from memory until Services & Pricing changes something, which the very next request sees", async () => {
    const t = await makeCourierTenant();
    await changeFeedReady();
    const mine = { tenantId: t.tenant.id };
    const customerB = t.scope(t.customerB.id);
    const prisma = await db();
    const rule = await prisma.rateRule.findFirstOrThrow({
      where: { rateTableId: t.catalog.defaultTableId, service: { code: "STANDARD" } },
    });
    const price = async () => (await quote(customerB, quoteInput)).rates[0]?.price.amount_cents;
    expect(await price()).toBe(690);

    // A change behind the app's back (SQL) is not seen: the table comes from memory…
    await prisma.rateRule.update({ where: { id: rule.id }, data: { extraPerKgCents: rule.extraPerKgCents + 1 } });
    await prisma.rateTable.update({ where: { id: t.catalog.defaultTableId }, data: { currency: "CHF" } });
    expect((await quote(customerB, quoteInput)).rates[0]?.price.currency).toBe("EUR");

    // … until a price is saved through Services & Pricing: the very next quote and shipment use it.
    await saveRateTablePrices(mine, actor, t.catalog.defaultTableId, [
      { field: priceField(rule.id, 1), ruleId: rule.id, band: 1, cents: 725 },
    ]);
    expect(await price()).toBe(725);
    expect((await createShipment(customerB, t.apiUser.id, shipmentInput)).price).toEqual({
      amount: "7.25",
      amount_cents: 725,
      currency: "CHF",
    });

    // Linking the customer to another table: the next shipment is priced from that one.
    await linkRateTable(mine, actor, t.customerB.id, t.catalog.contractTableId);
    expect((await createShipment(customerB, t.apiUser.id, shipmentInput)).price.amount_cents).toBe(590);
    expect((await quote(customerB, quoteInput)).rate_table.id).toBe(t.catalog.contractTableId);

    // A service switched off is not offered on the next request.
    await setServiceActive(mine, actor, t.catalog.services.STANDARD!, false);
    expect((await rejection(createShipment(customerB, t.apiUser.id, shipmentInput))).status).toBe(422);
    expect((await rejection(quote(customerB, quoteInput))).status).toBe(422);
  });
});

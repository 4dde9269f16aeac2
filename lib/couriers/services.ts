import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { recordActivity, type ActivityActor } from "@/lib/activity/events";
import type { ApiScope } from "@/lib/api/context";
import { formatCustomerCursor, type CustomerCursor, type TenantScope } from "@/lib/tenants/customers";
import { db } from "@/lib/db";
import { broadcast } from "@/lib/db/broadcast";
import { memoByKey } from "@/lib/db/memo";
import { AppError, notFound, validationFailed } from "@/lib/server/errors";
import { money, parseAmount } from "./money";
import { CUSTOMER_RATE_TABLE_TOPIC, parseBands, RATE_TABLES_TOPIC } from "./rates";

export function serviceView(s: { code: string; name: string; description: string }) {
  return { code: s.code, name: s.name, description: s.description };
}

/** Announced by every change to a tenant's services (the key is the tenant's id). */
const SERVICES_TOPIC = "services";

/**
 * A tenant's active services, from memory: they change only through setServiceActive, which
 * announces it (lib/db/memo.ts: the next request here, other instances within milliseconds).
 */
const activeServices = memoByKey(SERVICES_TOPIC, 60_000, async (tenantId) => {
  const prisma = await db();
  const services = await prisma.service.findMany({ where: { tenantId, active: true }, orderBy: { code: "asc" } });
  return services.map(serviceView);
});

/** GET /v1/services: the tenant's active services. */
export async function listServices(scope: ApiScope) {
  return activeServices(scope.tenantId);
}

// ---- the dashboard's Services & Pricing page (tenant staff) ----

/** The forms of the Services & Pricing page (FormData values are strings). */
export const ServiceActiveInput = z.object({
  serviceId: z.string().min(1),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** A price as typed ("5.90", "5,9", "12"): integer cents, at most 100,000.00. */
const PriceAmount = z.string().transform((value, ctx) => {
  const cents = parseAmount(value);
  if (cents === null || cents > 10_000_000) {
    ctx.addIssue({ code: "custom", message: "An amount such as 5.90 (up to 100,000.00)." });
    return z.NEVER;
  }
  return cents;
});

/**
 * The name of one price field of a rate table's form: `price.<ruleId>.<band index>` or
 * `price.<ruleId>.extra`. The name is the key of its field error, so each error sits
 * beside its own input. Beside it the form sends `shown.<ruleId>.<band>`, the price the
 * page showed (shownField).
 */
export function priceField(ruleId: string, band: number | "extra"): string {
  return `price.${ruleId}.${band}`;
}

export function shownField(ruleId: string, band: number | "extra"): string {
  return `shown.${ruleId}.${band}`;
}

const FORM_FIELD = /^(price|shown)\.([^.]{1,64})\.(\d{1,3}|extra)$/;

export interface PriceChange {
  field: string;
  ruleId: string;
  band: number | "extra";
  cents: number;
  /** The price the form showed, when it says: a field left as shown is not written. */
  shownCents?: number;
}

/** A whole rate table's form: every price field of the table, saved together. */
export const RateTablePricesInput = z
  .object({ rateTableId: z.string().min(1) })
  .catchall(PriceAmount)
  .transform(({ rateTableId, ...fields }, ctx) => {
    const prices: PriceChange[] = [];
    const shown = new Map<string, number>();
    for (const [field, cents] of Object.entries(fields)) {
      const m = FORM_FIELD.exec(field);
      if (!m?.[2] || !m[3]) {
        ctx.addIssue({ code: "custom", path: [field], message: "Not a price of this table." });
        continue;
      }
      const band = m[3] === "extra" ? "extra" : Number(m[3]);
      if (m[1] === "shown") shown.set(priceField(m[2], band), cents);
      else prices.push({ field, ruleId: m[2], band, cents });
    }
    return { rateTableId, prices: prices.map((p) => (shown.has(p.field) ? { ...p, shownCents: shown.get(p.field) } : p)) };
  });

export const LinkRateTableInput = z.object({
  customerId: z.string().min(1),
  /** "" = the tenant default */
  rateTableId: z.string().transform((v) => (v === "" ? null : v)),
});

/** Services, rate tables with their rules, and which customers use which table. */
export async function pricingCatalog(scope: TenantScope) {
  const prisma = await db();
  const [tenant, services, tables] = await Promise.all([
    prisma.tenant.findUnique({ where: { id: scope.tenantId }, select: { defaultRateTableId: true } }),
    prisma.service.findMany({ where: { tenantId: scope.tenantId }, orderBy: { code: "asc" } }),
    prisma.rateTable.findMany({
      where: { tenantId: scope.tenantId },
      orderBy: { name: "asc" },
      include: { rules: { include: { service: { select: { code: true, name: true } } }, orderBy: { service: { code: "asc" } } } },
    }),
  ]);
  // Each table's first few linked customers by name and how many there are: a tenant with
  // thousands of customers must not list them all in a heading.
  const rateTables = await Promise.all(
    tables.map(async (table) => {
      const where = { tenantId: scope.tenantId, rateTableId: table.id };
      const [linked, linkedCount] = await Promise.all([
        prisma.customer.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], take: LINKED_NAMES, select: { name: true } }),
        prisma.customer.count({ where }),
      ]);
      return { ...table, linked: linked.map((c) => c.name), linkedCount };
    }),
  );
  return { defaultRateTableId: tenant?.defaultRateTableId ?? null, services, rateTables };
}

/** The tenant's rate tables by name, for a customer's "Rate table" choice. */
export async function rateTableChoices(scope: TenantScope) {
  const prisma = await db();
  return prisma.rateTable.findMany({ where: { tenantId: scope.tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** How many linked customers a rate table's heading names before "and N more". */
const LINKED_NAMES = 5;

/**
 * The "Customers' rate tables" list of Services & Pricing: one page of the tenant's
 * customers by name (keyset, as the Customers page), optionally those whose name contains
 * `search`, each with its rate table.
 */
export async function pricingCustomers(scope: TenantScope, query: { search?: string; after?: CustomerCursor | null; size?: number }) {
  const prisma = await db();
  const size = query.size ?? 20;
  const search = query.search?.trim();
  const rows = await prisma.customer.findMany({
    where: {
      tenantId: scope.tenantId,
      AND: [
        search ? { name: { contains: search, mode: "insensitive" } } : {},
        query.after
          ? {
              name: { gte: query.after.name },
              OR: [{ name: { gt: query.after.name } }, { name: query.after.name, id: { gt: query.after.id } }],
            }
          : {},
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: size + 1,
    select: { id: true, name: true, rateTableId: true },
  });
  const customers = rows.slice(0, size);
  const last = customers.at(-1);
  return { customers, next: rows.length > size && last ? formatCustomerCursor(last) : null };
}

type Tx = Prisma.TransactionClient;

async function change<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await db();
  return prisma.$transaction(run);
}

/** One event per change, written in the change's transaction (names and prices, never a secret; flat values). */
function pricingEvent(
  tx: Tx,
  scope: TenantScope,
  actor: ActivityActor,
  action: string,
  details: Prisma.InputJsonObject,
  customerId: string | null = null,
) {
  return recordActivity({ tenantId: scope.tenantId, customerId, actor: actor.email, ip: actor.ip, action, details }, tx);
}

/** Switches a service on or off; `service.activate` / `service.deactivate` when that changes something. */
export async function setServiceActive(scope: TenantScope, actor: ActivityActor, serviceId: string, active: boolean) {
  await change(async (tx) => {
    const service = await tx.service.findFirst({ where: { id: serviceId, tenantId: scope.tenantId } });
    if (!service) throw notFound("No such service.");
    if (service.active === active) return;
    await tx.service.update({ where: { id: service.id }, data: { active } });
    await pricingEvent(tx, scope, actor, active ? "service.activate" : "service.deactivate", {
      service: service.code,
      name: service.name,
      before: service.active ? "active" : "inactive",
      after: active ? "active" : "inactive",
    });
  });
  // The rate tables' rules carry their service: a switched-off service is no longer priced.
  await Promise.all([broadcast(SERVICES_TOPIC, scope.tenantId), broadcast(RATE_TABLES_TOPIC, scope.tenantId)]);
}

const kgText = (grams: number) => `${(grams / 1000).toLocaleString("en", { maximumFractionDigits: 2 })} kg`;

/**
 * Saves a rate table's form at once: every price that differs from the stored one, in one
 * transaction, as one `rate_table.price_update` event listing each change ("STANDARD up to
 * 2 kg: 6.90 → 7.25"). A field naming another table's rule or a band the rule lacks fails
 * the whole save with an error on that field; nothing is written then. The table's row is
 * locked first, so two saves of one table run one after the other and neither loses the
 * other's bands (each rule's bands are one JSON value, rewritten whole); a price the form
 * left as it showed it is not written, so a form open since before another member's save
 * does not put back the old prices it still shows.
 */
export async function saveRateTablePrices(scope: TenantScope, actor: ActivityActor, rateTableId: string, prices: PriceChange[]) {
  const saved = await change(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "RateTable" WHERE "id" = ${rateTableId} AND "tenantId" = ${scope.tenantId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("No such rate table.");
    const table = await tx.rateTable.findUniqueOrThrow({
      where: { id: rateTableId },
      select: { name: true, currency: true, rules: { include: { service: { select: { code: true } } } } },
    });
    const rules = new Map(table.rules.map((rule) => [rule.id, { rule, bands: parseBands(rule.bands), extra: rule.extraPerKgCents }]));
    const fieldErrors: Record<string, string[]> = {};
    const amount = (cents: number) => money(cents, table.currency).amount;
    const changes: Record<string, string> = {};
    for (const price of prices) {
      const entry = rules.get(price.ruleId);
      const band = price.band === "extra" ? null : entry?.bands[price.band];
      if (!entry || (price.band !== "extra" && !band)) {
        fieldErrors[price.field] = ["No such price in this table."];
        continue;
      }
      const before = band ? band.priceCents : entry.extra;
      if (before === price.cents) continue;
      // Left as the page showed it while someone else changed it meanwhile: theirs stays.
      if (price.shownCents === price.cents) continue;
      const what = `${entry.rule.service.code} ${band ? `up to ${kgText(band.maxGrams)}` : "per extra kg"}`;
      changes[what] = `${amount(before)} → ${amount(price.cents)}`;
      if (band) entry.bands[price.band as number] = { ...band, priceCents: price.cents };
      else entry.extra = price.cents;
    }
    if (Object.keys(fieldErrors).length > 0) throw validationFailed(fieldErrors);
    const changed = Object.keys(changes).length;
    if (changed === 0) return { changed };
    for (const { rule, bands, extra } of rules.values()) {
      const same = extra === rule.extraPerKgCents && JSON.stringify(bands) === JSON.stringify(parseBands(rule.bands));
      if (!same) await tx.rateRule.update({ where: { id: rule.id }, data: { bands, extraPerKgCents: extra } });
    }
    // Flat values (the activity table shows "key: value"): one key per changed price.
    await pricingEvent(tx, scope, actor, "rate_table.price_update", {
      rateTable: table.name,
      currency: table.currency,
      changed,
      ...changes,
    });
    return { changed };
  });
  if (saved.changed > 0) await broadcast(RATE_TABLES_TOPIC, scope.tenantId);
  return saved;
}

/** Links a customer to one of the tenant's rate tables, or back to the default (null): `customer.rate_table_link`. */
export async function linkRateTable(scope: TenantScope, actor: ActivityActor, customerId: string, rateTableId: string | null) {
  await change(async (tx) => {
    const table =
      rateTableId === null
        ? null
        : await tx.rateTable.findFirst({ where: { id: rateTableId, tenantId: scope.tenantId }, select: { id: true, name: true } });
    if (rateTableId !== null && !table) throw validationFailed({ rateTableId: ["No such rate table."] });
    const customer = await tx.customer.findFirst({
      where: { id: customerId, tenantId: scope.tenantId },
      select: { id: true, name: true, rateTableId: true, rateTable: { select: { name: true } } },
    });
    if (!customer) throw new AppError("not_found", "No such customer.");
    if (customer.rateTableId === rateTableId) return;
    await tx.customer.update({ where: { id: customer.id }, data: { rateTableId } });
    await pricingEvent(
      tx,
      scope,
      actor,
      "customer.rate_table_link",
      {
        customer: customer.name,
        // Flat values: the activity table shows each key as "key: value".
        before: customer.rateTable?.name ?? "tenant default",
        after: table?.name ?? "tenant default",
        beforeRateTableId: customer.rateTableId,
        afterRateTableId: rateTableId,
      },
      customer.id,
    );
  });
  await broadcast(CUSTOMER_RATE_TABLE_TOPIC, customerId);
}

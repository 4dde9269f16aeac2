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

export const RulePriceInput = z.object({
  ruleId: z.string().min(1),
  band: z.union([z.literal("extra"), z.coerce.number().int().min(0).max(100)]),
  price: z.string().transform((value, ctx) => {
    const cents = parseAmount(value);
    if (cents === null || cents > 10_000_000) {
      ctx.addIssue({ code: "custom", message: "An amount such as 5.90 (up to 100,000.00)." });
      return z.NEVER;
    }
    return cents;
  }),
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
  await broadcast(SERVICES_TOPIC, scope.tenantId);
}

function bandsOf(value: Prisma.JsonValue): Prisma.JsonValue[] {
  return Array.isArray(value) ? [...value] : [];
}

/** Changes one band's price (or the extra-per-kg price when bandIndex is "extra"): `rate_table.price_update`. */
export async function setRulePrice(
  scope: TenantScope,
  actor: ActivityActor,
  ruleId: string,
  bandIndex: number | "extra",
  priceCents: number,
) {
  await change(async (tx) => {
    const rule = await tx.rateRule.findFirst({
      where: { id: ruleId, rateTable: { tenantId: scope.tenantId } },
      include: { rateTable: { select: { name: true, currency: true } }, service: { select: { code: true } } },
    });
    if (!rule) throw notFound("No such rate rule.");
    // Amounts as the page shows them ("7.25"), with the cents beside them for a program.
    const amount = (cents: number | null) => (cents === null ? null : money(cents, rule.rateTable.currency).amount);
    const where = { rateTable: rule.rateTable.name, service: rule.service.code, currency: rule.rateTable.currency };
    if (bandIndex === "extra") {
      if (rule.extraPerKgCents === priceCents) return;
      await tx.rateRule.update({ where: { id: rule.id }, data: { extraPerKgCents: priceCents } });
      await pricingEvent(tx, scope, actor, "rate_table.price_update", {
        ...where,
        band: "extra per kg",
        before: amount(rule.extraPerKgCents),
        after: amount(priceCents),
        beforeCents: rule.extraPerKgCents,
        afterCents: priceCents,
      });
      return;
    }
    const bands = bandsOf(rule.bands);
    const band = bands[bandIndex];
    if (typeof band !== "object" || band === null || Array.isArray(band)) throw validationFailed({ band: ["No such band."] });
    const before = typeof band.priceCents === "number" ? band.priceCents : null;
    if (before === priceCents) return;
    bands[bandIndex] = { ...band, priceCents };
    await tx.rateRule.update({ where: { id: rule.id }, data: { bands } });
    await pricingEvent(tx, scope, actor, "rate_table.price_update", {
      ...where,
      band: bandIndex,
      ...(typeof band.maxGrams === "number" && { maxGrams: band.maxGrams }),
      before: amount(before),
      after: amount(priceCents),
      beforeCents: before,
      afterCents: priceCents,
    });
  });
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
}

import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { ApiScope } from "@/lib/api/context";
import { db } from "@/lib/db";
import { memoByKey } from "@/lib/db/memo";
import { AppError, validationFailed } from "@/lib/server/errors";
import { money } from "./money";
import type { Parcel, QuoteInput } from "./schemas";
import { serviceView } from "./services";

/** One weight band of a rate rule, as stored in RateRule.bands. */
export const RateBand = z.object({ maxGrams: z.number().int().positive(), priceCents: z.number().int().min(0) });
export const RateBands = z
  .array(RateBand)
  .min(1)
  .refine((bands) => bands.every((b, i) => i === 0 || b.maxGrams > (bands[i - 1]?.maxGrams ?? 0)), "Bands must be ascending by maxGrams.");
export type RateBand = z.output<typeof RateBand>;

/** Volumetric divisor: L×W×H in cm / 5000 = kg, so / 5 = grams. */
export const VOLUMETRIC_DIVISOR_CM3_PER_KG = 5000;

export function volumetricGrams(parcel: Pick<Parcel, "length_cm" | "width_cm" | "height_cm">): number {
  // The epsilon keeps float noise (10.1 × 10 × …) from adding a gram.
  return Math.ceil((parcel.length_cm * parcel.width_cm * parcel.height_cm * 1000) / VOLUMETRIC_DIVISOR_CM3_PER_KG - 1e-9);
}

export interface Weights {
  weightGrams: number;
  volumetricGrams: number;
  /** Sum over parcels of max(actual, volumetric). */
  billableGrams: number;
}

export function parcelWeights(parcels: Parcel[]): Weights {
  let weightGrams = 0;
  let volumetric = 0;
  let billableGrams = 0;
  for (const p of parcels) {
    const v = volumetricGrams(p);
    weightGrams += p.weight_grams;
    volumetric += v;
    billableGrams += Math.max(p.weight_grams, v);
  }
  return { weightGrams, volumetricGrams: volumetric, billableGrams };
}

/**
 * The first band whose maxGrams ≥ billable; beyond the top band, its price plus
 * extraPerKgCents for every started kilogram over it.
 */
export function priceFor(bands: RateBand[], extraPerKgCents: number, billableGrams: number): number {
  const band = bands.find((b) => b.maxGrams >= billableGrams);
  if (band) return band.priceCents;
  const top = bands[bands.length - 1];
  if (!top) throw new Error("A rate rule without bands");
  return top.priceCents + Math.ceil((billableGrams - top.maxGrams) / 1000) * extraPerKgCents;
}

export function parseBands(value: Prisma.JsonValue): RateBand[] {
  return RateBands.parse(value);
}

/** Announced by every change of a tenant's rate tables or of what they price (the key is the tenant's id). */
export const RATE_TABLES_TOPIC = "rate-tables";
/** Announced when a customer is linked to another rate table (the key is the customer's id). */
export const CUSTOMER_RATE_TABLE_TOPIC = "customer-rate-table";

async function loadRateTables(tenantId: string) {
  const prisma = await db();
  const [tenant, tables] = await Promise.all([
    prisma.tenant.findUnique({ where: { id: tenantId }, select: { defaultRateTableId: true } }),
    prisma.rateTable.findMany({ where: { tenantId }, include: { rules: { include: { service: true } } } }),
  ]);
  return {
    defaultRateTableId: tenant?.defaultRateTableId ?? null,
    tables: new Map(tables.map((t) => [t.id, { ...t, rules: t.rules.map((r) => ({ ...r, bands: parseBands(r.bands) })) }])),
  };
}

/**
 * A tenant's rate tables with their rules and services, from memory: they change only through
 * Services & Pricing (lib/couriers/services.ts), which announces every change (lib/db/memo.ts:
 * the next request here sees it, other instances within milliseconds). Every quote and every
 * shipment prices from them.
 */
const tenantRateTables = memoByKey(RATE_TABLES_TOPIC, 60_000, loadRateTables);

/** A customer's own rate table (null: the tenant default), from memory as the tables are. */
const customerRateTable = memoByKey(CUSTOMER_RATE_TABLE_TOPIC, 60_000, async (customerId) => {
  const prisma = await db();
  return prisma.customer.findUnique({ where: { id: customerId }, select: { tenantId: true, rateTableId: true } });
});

/**
 * The caller's rate table: the customer's linked table when the scope is a customer and it
 * has one, else the tenant default. No table at all is a setup error of the tenant.
 */
export async function rateTableFor(scope: ApiScope) {
  let { defaultRateTableId, tables } = await tenantRateTables(scope.tenantId);
  const customer = scope.customerId ? await customerRateTable(scope.customerId) : null;
  const wanted = customer?.tenantId === scope.tenantId ? customer.rateTableId : null;
  // A table made since the tenant's were read (only behind the app's back): read them afresh.
  if (wanted && !tables.has(wanted)) ({ defaultRateTableId, tables } = await loadRateTables(scope.tenantId));
  const table = (wanted && tables.get(wanted)) || (defaultRateTableId && tables.get(defaultRateTableId));
  if (!table) throw new AppError("no_rate_table");
  return table;
}

export interface PricedService {
  service: { id: string; code: string; name: string; description: string };
  priceCents: number;
}

/** Prices for the active services of the caller's table; `code` narrows to one (422 if not offered). */
export async function priceServices(scope: ApiScope, parcels: Parcel[], code?: string) {
  const table = await rateTableFor(scope);
  const weights = parcelWeights(parcels);
  const rules = table.rules
    .filter((r) => r.service.active && r.service.tenantId === scope.tenantId && (code === undefined || r.service.code === code))
    .sort((a, b) => a.service.code.localeCompare(b.service.code));
  if (code !== undefined && rules.length === 0) {
    throw validationFailed({ service: [`No active service ${code} is offered to this account.`] });
  }
  const priced: PricedService[] = rules.map((r) => ({
    service: { id: r.service.id, code: r.service.code, name: r.service.name, description: r.service.description },
    priceCents: priceFor(r.bands, r.extraPerKgCents, weights.billableGrams),
  }));
  return { table, weights, priced };
}

export async function quote(scope: ApiScope, input: QuoteInput) {
  const { table, weights, priced } = await priceServices(scope, input.parcels, input.service);
  return {
    rate_table: { id: table.id, name: table.name },
    weight_grams: weights.weightGrams,
    volumetric_grams: weights.volumetricGrams,
    billable_grams: weights.billableGrams,
    rates: priced.map((p) => ({ service: serviceView(p.service), price: money(p.priceCents, table.currency) })),
  };
}

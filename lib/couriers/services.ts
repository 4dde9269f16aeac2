import "server-only";
import { z } from "zod";
import type { ApiScope } from "@/lib/api/context";
import type { TenantScope } from "@/lib/tenants/customers";
import { db } from "@/lib/db";
import { AppError, notFound, validationFailed } from "@/lib/server/errors";
import { parseAmount } from "./money";

export function serviceView(s: { code: string; name: string; description: string }) {
  return { code: s.code, name: s.name, description: s.description };
}

/** GET /v1/services: the tenant's active services. */
export async function listServices(scope: ApiScope) {
  const prisma = await db();
  const services = await prisma.service.findMany({ where: { tenantId: scope.tenantId, active: true }, orderBy: { code: "asc" } });
  return services.map(serviceView);
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
  const [tenant, services, rateTables, customers] = await Promise.all([
    prisma.tenant.findUnique({ where: { id: scope.tenantId }, select: { defaultRateTableId: true } }),
    prisma.service.findMany({ where: { tenantId: scope.tenantId }, orderBy: { code: "asc" } }),
    prisma.rateTable.findMany({
      where: { tenantId: scope.tenantId },
      orderBy: { name: "asc" },
      include: { rules: { include: { service: { select: { code: true, name: true } } }, orderBy: { service: { code: "asc" } } } },
    }),
    prisma.customer.findMany({ where: { tenantId: scope.tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, rateTableId: true } }),
  ]);
  return { defaultRateTableId: tenant?.defaultRateTableId ?? null, services, rateTables, customers };
}

export async function setServiceActive(scope: TenantScope, serviceId: string, active: boolean) {
  const prisma = await db();
  const { count } = await prisma.service.updateMany({ where: { id: serviceId, tenantId: scope.tenantId }, data: { active } });
  if (count === 0) throw notFound("No such service.");
}

/** Changes one band's price (or the extra-per-kg price when bandIndex is "extra"). */
export async function setRulePrice(scope: TenantScope, ruleId: string, bandIndex: number | "extra", priceCents: number) {
  const prisma = await db();
  const rule = await prisma.rateRule.findFirst({ where: { id: ruleId, rateTable: { tenantId: scope.tenantId } } });
  if (!rule) throw notFound("No such rate rule.");
  if (bandIndex === "extra") {
    await prisma.rateRule.update({ where: { id: rule.id }, data: { extraPerKgCents: priceCents } });
    return;
  }
  const bands = Array.isArray(rule.bands) ? [...rule.bands] : [];
  const band = bands[bandIndex];
  if (typeof band !== "object" || band === null || Array.isArray(band)) throw validationFailed({ band: ["No such band."] });
  bands[bandIndex] = { ...band, priceCents };
  await prisma.rateRule.update({ where: { id: rule.id }, data: { bands } });
}

/** Links a customer to one of the tenant's rate tables, or back to the default (null). */
export async function linkRateTable(scope: TenantScope, customerId: string, rateTableId: string | null) {
  const prisma = await db();
  if (rateTableId !== null) {
    const table = await prisma.rateTable.findFirst({ where: { id: rateTableId, tenantId: scope.tenantId }, select: { id: true } });
    if (!table) throw validationFailed({ rateTableId: ["No such rate table."] });
  }
  const { count } = await prisma.customer.updateMany({ where: { id: customerId, tenantId: scope.tenantId }, data: { rateTableId } });
  if (count === 0) throw new AppError("not_found", "No such customer.");
}

import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/member";
import { money } from "@/lib/couriers/money";
import { parseBands } from "@/lib/couriers/rates";
import { priceField, pricingCatalog, pricingCustomers, shownField } from "@/lib/couriers/services";
import { parseCustomerCursor } from "@/lib/tenants/customers";
import { can } from "@/lib/auth/roles";
import { PageHeader } from "@/components/page-header";
import { KeysetPager } from "@/components/keyset-pager";
import { SearchForm } from "@/components/search-form";
import { LinkRateTableForm, RateTableForm, ServiceToggle } from "@/components/pricing-forms";
import { linkRateTable, saveRateTablePrices, setServiceActive } from "./actions";

export const metadata: Metadata = { title: "Services & Pricing" };

const kg = (grams: number) => `${(grams / 1000).toLocaleString("en", { maximumFractionDigits: 2 })} kg`;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.slice(0, 100) || undefined;

function customersHref(values: Record<string, string | undefined>) {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return `/services${text ? `?${text}` : ""}#linked-heading`;
}

export default async function ServicesPage({ searchParams }: Props) {
  const member = await requireMember();
  const editable = can(member.role, "settings");
  const params = await searchParams;
  const search = first(params.customer)?.trim();
  const after = first(params.after);
  const [{ services, rateTables, defaultRateTableId }, { customers, next }] = await Promise.all([
    pricingCatalog(member),
    pricingCustomers(member, { search, after: parseCustomerCursor(after) }),
  ]);
  const tableName = (id: string | null) => rateTables.find((t) => t.id === id)?.name ?? "Tenant default";

  return (
    <>
      <PageHeader
        title="Services & Pricing"
        description={
          <>
            What integrators can book and what it costs. A customer linked to a rate table is priced from it; everyone else from the tenant
            default. Billable weight is the greater of actual and volumetric weight (L×W×H cm / 5000).
            {!editable && " Only owners and admins can change prices."}
          </>
        }
      />

      <section aria-labelledby="services-heading" className="card p-6">
        <h2 id="services-heading" className="font-medium">
          Services
        </h2>
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Code</th>
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="hidden py-2 pr-4 font-medium sm:table-cell">Description</th>
                <th className="py-2 pr-4 font-medium">Status</th>
                {editable && <th className="py-2 font-medium">Action</th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {services.map((s) => (
                <tr key={s.id}>
                  <td className="py-2 pr-4 font-mono">{s.code}</td>
                  <td className="py-2 pr-4">{s.name}</td>
                  <td className="hidden py-2 pr-4 text-slate-600 sm:table-cell">{s.description}</td>
                  <td className="py-2 pr-4">
                    <span className={s.active ? "text-green-700" : "text-slate-500"}>{s.active ? "Active" : "Inactive"}</span>
                  </td>
                  {editable && (
                    <td className="py-2">
                      <ServiceToggle action={setServiceActive} serviceId={s.id} active={s.active} name={s.name} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {rateTables.map((table) => {
        const more = table.linkedCount - table.linked.length;
        return (
          <section key={table.id} aria-labelledby={`table-${table.id}`} className="card mt-6 p-6">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`table-${table.id}`} className="font-medium">
                {table.name}
              </h2>
              <p className="text-sm text-slate-500">
                {table.currency}
                {table.id === defaultRateTableId && " · Tenant default"}
                {table.linked.length > 0 &&
                  ` · Linked to ${table.linked.join(", ")}${more > 0 ? ` and ${more.toLocaleString("en")} more` : ""}`}
              </p>
            </div>
            {editable ? (
              <RateTableForm
                action={saveRateTablePrices}
                rateTableId={table.id}
                tableName={table.name}
                currency={table.currency}
                rows={table.rules.map((rule) => ({
                  ruleId: rule.id,
                  serviceCode: rule.service.code,
                  serviceName: rule.service.name,
                  bands: parseBands(rule.bands).map((band, i) => ({
                    field: priceField(rule.id, i),
                    shownField: shownField(rule.id, i),
                    limit: kg(band.maxGrams),
                    amount: money(band.priceCents, table.currency).amount,
                  })),
                  extra: {
                    field: priceField(rule.id, "extra"),
                    shownField: shownField(rule.id, "extra"),
                    amount: money(rule.extraPerKgCents, table.currency).amount,
                  },
                }))}
              />
            ) : (
              <div className="mt-4 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-2 pr-4 font-medium">Service</th>
                      <th className="py-2 pr-4 font-medium">Weight bands (price up to the weight)</th>
                      <th className="py-2 font-medium">Each started kg above</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 align-top">
                    {table.rules.map((rule) => (
                      <tr key={rule.id}>
                        <td className="py-2 pr-4">
                          <span className="font-mono">{rule.service.code}</span>
                          <span className="block text-slate-500">{rule.service.name}</span>
                        </td>
                        <td className="py-2 pr-4">
                          <ul className="flex min-w-48 flex-wrap gap-x-4 gap-y-1">
                            {parseBands(rule.bands).map((band) => (
                              <li key={band.maxGrams} className="whitespace-nowrap">
                                <span className="text-slate-500">≤ {kg(band.maxGrams)}</span>{" "}
                                <span className="font-mono">{money(band.priceCents, table.currency).amount}</span>
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td className="py-2 font-mono">{money(rule.extraPerKgCents, table.currency).amount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}

      <section aria-labelledby="linked-heading" className="card mt-6 p-6">
        <h2 id="linked-heading" className="font-medium">
          Customers&apos; rate tables
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Quotes and shipments of a customer&apos;s API users (or of a tenant-wide user naming the customer&apos;s Client ID) use this
          table.
        </p>
        <SearchForm
          id="pricing-customer"
          name="customer"
          label="Customer name"
          searchLabel="Search customers' rate tables"
          value={search}
          clearHref="/services#linked-heading"
          action="/services#linked-heading"
          className="mt-4"
        />
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Customer</th>
                <th className="py-2 font-medium">Rate table</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {customers.map((c) => (
                <tr key={c.id}>
                  <td className="py-2 pr-4">{c.name}</td>
                  <td className="py-2">
                    {editable ? (
                      <LinkRateTableForm
                        action={linkRateTable}
                        customerId={c.id}
                        customerName={c.name}
                        current={c.rateTableId}
                        tables={rateTables.map((t) => ({ id: t.id, name: t.name }))}
                      />
                    ) : (
                      tableName(c.rateTableId)
                    )}
                  </td>
                </tr>
              ))}
              {customers.length === 0 && (
                <tr>
                  <td colSpan={2} className="py-4 text-center text-slate-500">
                    {search ? "No customer matches." : "No customers yet."}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <KeysetPager
          label="Customer pages"
          first={after ? customersHref({ customer: search }) : null}
          next={next ? customersHref({ customer: search, after: next }) : null}
        />
      </section>
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/member";
import { parseShipmentCursor } from "@/lib/couriers/schemas";
import { listCustomerShipments } from "@/lib/couriers/shipments";
import { apiUserPage } from "@/lib/api-users/list";
import { scopeActivity } from "@/lib/api-users/user-page";
import { environmentChoice, parseApiUserListQuery } from "@/lib/api-users/rules";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { ApiAccessSection } from "@/components/api-access/api-access-section";
import { CustomerShipments } from "@/components/customer-shipments";
import { apiAccessActionsFor } from "@/app/(dashboard)/_api-access/controls";
import { can } from "@/lib/auth/roles";
import { rateTableChoices } from "@/lib/couriers/services";
import { LinkRateTableForm } from "@/components/pricing-forms";
import { linkRateTable } from "@/app/(dashboard)/services/actions";
import { pageCustomer } from "./customer";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const customer = await pageCustomer((await params).id);
  return { title: customer?.name ?? "Not found" };
}

/** The customer's API access and shipments; the layout has already answered 404 for a miss. */
export default async function CustomerPage({ params, searchParams }: Props) {
  const member = await requireMember();
  const customer = await pageCustomer((await params).id);
  if (!customer) notFound();
  const shipmentsParam = (await searchParams).shipments;
  const shipmentsBefore = typeof shipmentsParam === "string" ? parseShipmentCursor(shipmentsParam) : null;
  const scope = { tenantId: member.tenantId, customerId: customer.id };
  const query = parseApiUserListQuery(await searchParams);
  const environment = await dashboardEnvironment(member);
  const editable = can(member.role, "settings");
  const [page, activity, shipments, rateTables] = await Promise.all([
    apiUserPage(scope, query),
    scopeActivity(scope, environment, 20),
    listCustomerShipments(member.tenantId, customer.id, shipmentsBefore),
    editable ? rateTableChoices(member) : [],
  ]);
  return (
    <>
      <section aria-labelledby="customer-rate-table" className="card mb-6 p-6">
        <h2 id="customer-rate-table" className="font-medium">
          Rate table
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">
          The quotes and shipments of this customer&apos;s integrations are priced from it (Services &amp; Pricing shows its prices).
        </p>
        {editable ? (
          <LinkRateTableForm
            action={linkRateTable}
            customerId={customer.id}
            customerName={customer.name}
            current={customer.rateTable?.id ?? null}
            tables={rateTables}
          />
        ) : (
          <p className="text-sm">{customer.rateTable?.name ?? "Tenant default"}</p>
        )}
      </section>
      <section aria-labelledby="api-access" className="card p-6">
        <h2 id="api-access" className="font-medium">
          API Access
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">Integrations of this customer send its Client ID in the X-Tenant header.</p>
        <ApiAccessSection
          clientId={customer.clientId}
          scope={customer.id}
          scopeLabel={customer.name}
          page={page}
          query={query}
          basePath={`/customers/${customer.id}`}
          activity={activity}
          actions={apiAccessActionsFor(member)}
          environment={environmentChoice(environment)}
        />
      </section>
      <CustomerShipments
        shipments={shipments.shipments}
        rateTableName={customer.rateTable?.name ?? null}
        pageHref={`/customers/${customer.id}`}
        paged={shipmentsBefore !== null}
        older={shipments.older}
      />
    </>
  );
}

import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/member";
import { parseShipmentSearchParams, shipmentListHref } from "@/lib/couriers/shipment-filters";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { environmentFromChoice, searchShipments, tenantApiUser } from "@/lib/couriers/shipment-search";
import { findCustomer } from "@/lib/tenants/customers";
import { PageHeader } from "@/components/page-header";
import { ShipmentFilterForm } from "@/components/shipments/shipment-filter-form";
import { ShipmentPager, ShipmentTable } from "@/components/shipments/shipment-table";

export const metadata: Metadata = { title: "Shipments" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = "/shipments";

/** Every shipment of the tenant, whoever created it, newest first, paged by keyset. */
export default async function ShipmentsPage({ searchParams }: Props) {
  const member = await requireMember();
  const params = parseShipmentSearchParams(await searchParams);
  const environment = environmentFromChoice(params.environment, await dashboardEnvironment(member));
  const [page, customer, apiUser] = await Promise.all([
    searchShipments(member.tenantId, {
      environment,
      status: params.status,
      customerId: params.customer,
      apiUserId: params.apiUser,
      after: params.after,
      before: params.before,
    }),
    params.customer ? findCustomer(member, params.customer) : null,
    params.apiUser ? tenantApiUser(member.tenantId, params.apiUser) : null,
  ]);
  const filters = {
    environment: params.environment,
    status: params.status,
    customer: params.customer,
    apiUser: params.apiUser,
  };
  const paging = Boolean(params.after || params.before);
  return (
    <>
      <PageHeader
        title="Shipments"
        description={`Every ${environment === "TEST" ? "test" : "live"} shipment of ${member.tenant.name}, booked by tenant-wide or customer API users, newest first.`}
      />
      <ShipmentFilterForm
        action={PATH}
        status={params.status}
        environment={environment === "TEST" ? "test" : "live"}
        filtered={Object.values(filters).some(Boolean)}
        lookups={{
          // An id that is not the tenant's filters to nothing, and says so.
          customer: params.customer ? { id: params.customer, label: customer?.name ?? "Unknown customer", hint: null } : null,
          apiUser: params.apiUser ? { id: params.apiUser, label: apiUser?.username ?? "Unknown API user", hint: null } : null,
        }}
      />
      <div className="card overflow-hidden">
        <ShipmentTable shipments={page.items} label="Shipments" />
      </div>
      <ShipmentPager
        newest={paging ? shipmentListHref(PATH, filters) : null}
        newer={page.newer ? shipmentListHref(PATH, { ...filters, before: page.newer }) : null}
        older={page.older ? shipmentListHref(PATH, { ...filters, after: page.older }) : null}
      />
    </>
  );
}

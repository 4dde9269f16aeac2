import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/member";
import { parseShipmentSearchParams, shipmentListHref } from "@/lib/couriers/shipment-filters";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { environmentFromChoice, searchShipments, tenantApiUser } from "@/lib/couriers/shipment-search";
import { ShipmentFilterForm } from "@/components/shipments/shipment-filter-form";
import { ShipmentPager, ShipmentTable } from "@/components/shipments/shipment-table";

export const metadata: Metadata = { title: "API user shipments" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The shipments this API user created, newest first, paged by keyset. Another tenant's user is a 404. */
export default async function ApiUserShipmentsPage({ params, searchParams }: Props) {
  const member = await requireMember();
  const { id } = await params;
  const user = await tenantApiUser(member.tenantId, id);
  if (!user) notFound();
  const query = parseShipmentSearchParams(await searchParams);
  const environment = environmentFromChoice(query.environment, await dashboardEnvironment(member));
  const page = await searchShipments(member.tenantId, {
    environment,
    apiUserId: user.id,
    status: query.status,
    after: query.after,
    before: query.before,
  });
  const path = `/api-users/${user.id}/shipments`;
  const filters = { environment: query.environment, status: query.status };
  const paging = Boolean(query.after || query.before);
  return (
    <section aria-labelledby="api-user-shipments">
      <h2 id="api-user-shipments" className="mb-1 text-lg font-semibold">
        Shipments by {user.username}
      </h2>
      <p className="mb-4 text-sm text-slate-500">
        {environment === "TEST" ? "Test" : "Live"} shipments this API user created{user.customer ? ` for ${user.customer.name}` : ""},
        newest first.
      </p>
      <ShipmentFilterForm
        action={path}
        status={query.status}
        environment={environment === "TEST" ? "test" : "live"}
        filtered={Boolean(query.environment || query.status)}
      />
      <div className="card overflow-hidden">
        <ShipmentTable shipments={page.items} label={`Shipments by ${user.username}`} showCreator={false} />
      </div>
      <ShipmentPager
        newest={paging ? shipmentListHref(path, filters) : null}
        newer={page.newer ? shipmentListHref(path, { ...filters, before: page.newer }) : null}
        older={page.older ? shipmentListHref(path, { ...filters, after: page.older }) : null}
      />
    </section>
  );
}

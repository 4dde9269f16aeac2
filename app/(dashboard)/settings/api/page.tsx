import type { Metadata } from "next";
import { apiUserPage } from "@/lib/api-users/list";
import { scopeActivity } from "@/lib/api-users/user-page";
import { environmentChoice, parseApiUserListQuery } from "@/lib/api-users/rules";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { requireMember } from "@/lib/auth/member";
import { ApiAccessSection } from "@/components/api-access/api-access-section";
import { PageHeader } from "@/components/page-header";
import { apiAccessActionsFor } from "@/app/(dashboard)/_api-access/controls";

export const metadata: Metadata = { title: "API / Web Services" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApiSettingsPage({ searchParams }: Props) {
  const member = await requireMember();
  const scope = { tenantId: member.tenantId, customerId: null };
  const query = parseApiUserListQuery(await searchParams);
  const environment = await dashboardEnvironment(member);
  const [page, activity] = await Promise.all([apiUserPage(scope, query), scopeActivity(scope, environment, 20)]);
  return (
    <>
      <PageHeader
        title="API / Web Services"
        description="Tenant-wide API users may act for the whole tenant or name one of its customers in the X-Tenant header."
      />
      <section aria-labelledby="tenant-api-access" className="card p-6">
        <h2 id="tenant-api-access" className="mb-4 font-medium">
          Tenant API Access
        </h2>
        <ApiAccessSection
          clientId={member.tenant.clientId}
          scope=""
          scopeLabel={`the whole tenant (${member.tenant.name})`}
          page={page}
          query={query}
          basePath="/settings/api"
          activity={activity}
          actions={apiAccessActionsFor(member)}
          environment={environmentChoice(environment)}
        />
      </section>
    </>
  );
}

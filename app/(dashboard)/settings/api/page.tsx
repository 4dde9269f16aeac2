import type { Metadata } from "next";
import { recentActivity } from "@/lib/activity/events";
import { listApiUsers } from "@/lib/api-users/queries";
import { requireMember } from "@/lib/auth/member";
import { ApiAccessSection } from "@/components/api-access/api-access-section";
import { PageHeader } from "@/components/page-header";
import { apiAccessActionsFor } from "@/app/(dashboard)/_api-access/controls";

export const metadata: Metadata = { title: "API / Web Services" };
export const dynamic = "force-dynamic";

export default async function ApiSettingsPage() {
  const member = await requireMember();
  const scope = { tenantId: member.tenantId, customerId: null };
  const [users, activity] = await Promise.all([listApiUsers(scope), recentActivity(scope, 20)]);
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
          users={users}
          activity={activity}
          actions={apiAccessActionsFor(member)}
        />
      </section>
    </>
  );
}

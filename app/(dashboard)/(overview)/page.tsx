import Link from "next/link";
import { recentActivity } from "@/lib/activity/events";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { requireMember } from "@/lib/auth/member";
import { tenantOverview } from "@/lib/tenants/overview";
import { expiringSoonTokens } from "@/lib/api-users/expiring";
import { EXPIRING_SOON_DAYS } from "@/lib/api-users/rules";
import { Time } from "@/components/time";
import { unacknowledgedLeaks } from "@/lib/credentials/leak-reports";
import { can } from "@/lib/auth/roles";
import { LeakedTokensBanner } from "@/components/leaked-tokens-banner";
import { acknowledgeLeakedTokens } from "./actions";
import { ActivityTable } from "@/components/api-access/activity-table";
import { ClientId } from "@/components/client-id";
import { PageHeader } from "@/components/page-header";

function Figure({ label, value, href, note }: { label: string; value: number; href: string; note?: string }) {
  return (
    <Link href={href} className="card block p-5 hover:border-indigo-300">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums">{value.toLocaleString("en")}</p>
      {note && <p className="mt-1 text-xs text-slate-500">{note}</p>}
    </Link>
  );
}

export default async function OverviewPage() {
  const member = await requireMember();
  const environment = await dashboardEnvironment(member);
  const mode = environment === "TEST" ? "test" : "live";
  const [figures, activity, expiring, leaks] = await Promise.all([
    tenantOverview(member, environment),
    recentActivity({ tenantId: member.tenantId, environment }, 10),
    expiringSoonTokens(member.tenantId, environment),
    unacknowledgedLeaks(member.tenantId),
  ]);
  return (
    <>
      <PageHeader title={member.tenant.name} description="Your courier company's API access at a glance." />
      {leaks.length > 0 && (
        <LeakedTokensBanner leaks={leaks} acknowledge={can(member.role, "credentials") ? acknowledgeLeakedTokens : null} />
      )}
      <section className="card p-6">
        <h2 className="font-medium">Tenant</h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">
          Integrators send this in the <code className="font-mono">X-Tenant</code> header. It is public, not a secret.
        </p>
        <ClientId value={member.tenant.clientId} />
      </section>
      <section aria-label="Figures" className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Figure label="Customers" value={figures.customers} href="/customers" />
        <Figure
          label="API users"
          value={figures.tenantWideUsers + figures.customerUsers}
          href="/settings/api"
          note={`${figures.tenantWideUsers} tenant-wide, ${figures.customerUsers} per customer`}
        />
        <Figure label={`Active ${mode} tokens`} value={figures.activeTokens} href="/settings/api" />
        <Figure
          label={`${mode === "test" ? "Test" : "Live"} API calls, last 24 h`}
          value={figures.apiCalls}
          href="/activity"
          note={`${figures.failedCalls} answered with an error`}
        />
      </section>
      {expiring.count > 0 && (
        <section aria-labelledby="expiring-soon" className="card mt-6 border-amber-300 p-6">
          <h2 id="expiring-soon" className="font-medium text-amber-900">
            Expiring soon: {expiring.count === 1 ? "1 token" : `${expiring.count} tokens`} within {EXPIRING_SOON_DAYS} days
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {expiring.tokens.map((token) => (
              <li key={token.id}>
                <Link href={`/api-users/${token.apiUser.id}/tokens`} className="text-indigo-700 hover:underline">
                  <span className="font-mono">{token.apiUser.username}</span> · <span className="font-mono">{token.hint}</span>
                  {token.name && ` (${token.name})`}
                </Link>{" "}
                <span className="text-slate-600">expires {token.expiresAt && <Time date={token.expiresAt} />}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card mt-6 p-6">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="font-medium">Recent {mode} activity</h2>
          <Link href="/activity" className="text-sm text-indigo-600 hover:underline">
            Full activity log
          </Link>
        </div>
        <ActivityTable events={activity} label="Recent activity" />
      </section>
    </>
  );
}

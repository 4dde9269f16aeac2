import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { apiUserUsage, type UsageBucket, type UsageClass } from "@/lib/activity/usage";
import { requireMember } from "@/lib/auth/member";
import { parseShipmentSearchParams, shipmentListHref } from "@/lib/couriers/shipment-filters";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { environmentFromChoice, tenantApiUser } from "@/lib/couriers/shipment-search";
import { USAGE_SERIES } from "@/components/usage/series";
import { UsageChart, type UsageRow } from "@/components/usage/usage-chart";

export const metadata: Metadata = { title: "API user usage" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const rows = (buckets: UsageBucket[], label: (start: Date) => string): UsageRow[] =>
  buckets.map(({ start, ...counts }) => ({ label: label(start), ...counts }));

function summary(totals: Record<UsageClass, number>): string {
  const all = totals.success + totals.clientError + totals.rateLimited + totals.serverError;
  return `${all} requests: ${USAGE_SERIES.map((s) => `${totals[s.key]} ${s.label.toLowerCase()}`).join(", ")}.`;
}

function sum(buckets: UsageBucket[]): Record<UsageClass, number> {
  const totals = { success: 0, clientError: 0, rateLimited: 0, serverError: 0 };
  for (const b of buckets) for (const s of USAGE_SERIES) totals[s.key] += b[s.key];
  return totals;
}

/** Requests per day (30 days) and per hour (24 hours), from the hourly rollup; another tenant's user is a 404. */
export default async function ApiUserUsagePage({ params, searchParams }: Props) {
  const member = await requireMember();
  const { id } = await params;
  const user = await tenantApiUser(member.tenantId, id);
  if (!user) notFound();
  const query = parseShipmentSearchParams(await searchParams);
  const environment = environmentFromChoice(query.environment, await dashboardEnvironment(member));
  const usage = await apiUserUsage(user.id, environment);
  const lastDay = sum(usage.hours);
  const path = `/api-users/${user.id}/usage`;
  const envName = environment === "TEST" ? "test" : "live";
  return (
    <section aria-labelledby="api-user-usage" className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="api-user-usage" className="text-lg font-semibold">
            Usage by {user.username}
          </h2>
          <p className="text-sm text-slate-500">API requests made with {envName} tokens; times in UTC.</p>
        </div>
        <nav aria-label="Environment" className="flex gap-1 text-sm">
          {(["live", "test"] as const).map((choice) => (
            <Link
              key={choice}
              href={shipmentListHref(path, { environment: choice })}
              aria-current={choice === envName ? "page" : undefined}
              className={choice === envName ? "btn-primary" : "btn"}
            >
              {choice === "live" ? "Live" : "Test"}
            </Link>
          ))}
        </nav>
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-label="Last 24 hours">
        {USAGE_SERIES.map((s) => (
          <div key={s.key} className="card p-4">
            <dt className="text-sm text-slate-500">{s.label}, 24 h</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{lastDay[s.key]}</dd>
            <dd className="text-xs text-slate-500">{usage.totals[s.key]} in 30 days</dd>
          </div>
        ))}
      </dl>
      <UsageChart
        title="Last 24 hours, by hour"
        rows={rows(usage.hours, (d) => `${d.toISOString().slice(11, 13)}:00`)}
        summary={summary(lastDay)}
      />
      <UsageChart
        title="Last 30 days, by day"
        rows={rows(usage.days, (d) => d.toISOString().slice(0, 10))}
        summary={summary(usage.totals)}
      />
    </section>
  );
}

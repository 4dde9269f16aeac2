import type { Metadata } from "next";
import Link from "next/link";
import { ACTION_PREFIXES, activityPage, parseActivityQuery, resolvedActivityFilter } from "@/lib/activity/log";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { requireMember } from "@/lib/auth/member";
import { ActivityTable } from "@/components/api-access/activity-table";
import { PageHeader } from "@/components/page-header";
import { ApiUserFilter } from "./api-user-filter";
import { Download } from "lucide-react";

export const metadata: Metadata = { title: "Activity log" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function query(values: Record<string, string | undefined>) {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function ActivityPage({ searchParams }: Props) {
  const member = await requireMember();
  const [filters, environment] = await Promise.all([searchParams.then(parseActivityQuery), dashboardEnvironment(member)]);
  const { filter, user } = await resolvedActivityFilter(member.tenantId, filters, environment);
  const page = await activityPage(filter);
  // The box shows the username even when the link named the user by id.
  const base = { action: filters.action, apiUser: user?.username ?? filters.apiUser };
  return (
    <>
      <PageHeader
        title="Activity log"
        description={
          environment === "TEST"
            ? "Calls made with test tokens, newest first. Switch to Live for live calls, failed logins and credential changes."
            : "Live API calls, failed logins and every credential change, newest first. Calls with test tokens are under Test."
        }
        actions={
          <a href={`/activity/export${query(base)}`} className="btn" download>
            <Download aria-hidden="true" className="size-4" />
            Export CSV
          </a>
        }
      />
      <form method="get" className="card mb-4 flex flex-wrap items-end gap-4 p-4" aria-label="Filter activity">
        <div>
          <label htmlFor="activity-action" className="block text-sm font-medium">
            Action starts with
          </label>
          <input
            id="activity-action"
            name="action"
            list="activity-actions"
            defaultValue={filters.action ?? ""}
            className="input mt-1"
            placeholder="e.g. token."
          />
          <datalist id="activity-actions">
            {ACTION_PREFIXES.map((prefix) => (
              <option key={prefix} value={prefix} />
            ))}
          </datalist>
        </div>
        <ApiUserFilter initial={base.apiUser ?? ""} />
        <button type="submit" className="btn-primary">
          Filter
        </button>
        {(filters.action || filters.apiUser) && (
          <Link href="/activity" className="btn">
            Clear
          </Link>
        )}
      </form>
      <div className="card overflow-hidden">
        <ActivityTable events={page.events} label="Activity log" empty="No activity matches." />
      </div>
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {filters.before ? (
          <Link href={`/activity${query(base)}`} className="btn">
            Newest
          </Link>
        ) : (
          <span />
        )}
        {page.older && (
          <Link href={`/activity${query({ ...base, before: page.older })}`} className="btn">
            Older
          </Link>
        )}
      </nav>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { environmentLabel } from "@/lib/api-users/rules";
import { userActivityPage } from "@/lib/api-users/user-page";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { ActivityTable } from "@/components/api-access/activity-table";
import { pageApiUser } from "../user";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The user's events of the dashboard's environment, newest first, keyset-paged by `before`. */
export default async function ApiUserActivity({ params, searchParams }: Props) {
  const { member, user } = await pageApiUser((await params).id);
  const raw = (await searchParams).before;
  const before = typeof raw === "string" && raw.length <= 120 ? raw : undefined;
  const environment = await dashboardEnvironment(member);
  const page = await userActivityPage(member.tenantId, user.id, environment, before);
  const base = `/api-users/${user.id}/activity`;
  return (
    <section aria-labelledby="user-activity" className="card p-6">
      <h2 id="user-activity" className="mb-1 font-medium">
        Activity
      </h2>
      <p className="mb-4 text-sm text-slate-500">
        {environment === "TEST"
          ? "Calls made with this user's test tokens."
          : `Calls made with its ${environmentLabel(environment).toLowerCase()} tokens, and every change to it in the dashboard.`}
      </p>
      <ActivityTable events={page.events} label={`Activity of ${user.username}`} />
      {(page.older || before) && (
        <nav aria-label="Activity pages" className="mt-3 flex justify-end gap-2">
          {before && (
            <Link href={base} className="btn">
              Newest
            </Link>
          )}
          {page.older && (
            <Link href={`${base}?before=${encodeURIComponent(page.older)}`} className="btn">
              Older
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

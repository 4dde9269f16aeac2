import type { Metadata } from "next";
import Link from "next/link";
import { TokenRevealProvider } from "@/components/api-access/token-reveal";
import { PageHeader } from "@/components/page-header";
import { Tabs } from "@/components/tabs";
import { expiringSoonByUser } from "@/lib/api-users/expiring";
import { unacknowledgedLeaks } from "@/lib/credentials/leak-reports";
import { Time } from "@/components/time";
import { EXPIRING_SOON_DAYS } from "@/lib/api-users/rules";
import { pageApiUser } from "./user";

type Props = { children: React.ReactNode; params: Promise<{ id: string }> };

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await pageApiUser((await params).id);
  return { title: `API user ${user.username}` };
}

/**
 * An API user's page: breadcrumb back to its list, its name and status, and the tabs.
 * The lookup sits in the layout so a miss is a real 404 before anything streams.
 * Shipments, Usage, Carrier auths and Webhooks are pages of their own folders.
 */
export default async function ApiUserLayout({ children, params }: Props) {
  const { member, user, listPath } = await pageApiUser((await params).id);
  const [expiringByUser, leaks] = await Promise.all([
    expiringSoonByUser(member.tenantId, [user.id]),
    unacknowledgedLeaks(member.tenantId, 5, user.id),
  ]);
  const expiring = expiringByUser.get(user.id) ?? 0;
  const base = `/api-users/${user.id}`;
  const tabs = [
    { href: base, label: "Overview" },
    { href: `${base}/tokens`, label: "Keys & tokens" },
    { href: `${base}/shipments`, label: "Shipments" },
    { href: `${base}/activity`, label: "Activity" },
    { href: `${base}/usage`, label: "Usage" },
    { href: `${base}/carrier-auths`, label: "Carrier auths" },
    { href: `${base}/webhooks`, label: "Webhooks" },
  ];
  return (
    <TokenRevealProvider>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        {user.customer ? (
          <>
            <Link href="/customers" className="hover:underline">
              Customers
            </Link>{" "}
            /{" "}
            <Link href={listPath} className="hover:underline">
              {user.customer.name}
            </Link>
          </>
        ) : (
          <Link href={listPath} className="hover:underline">
            API / Web Services
          </Link>
        )}{" "}
        / API user
      </nav>
      <PageHeader
        title={user.username}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ${user.active ? "bg-green-50 text-green-700" : "bg-slate-100 text-slate-600"}`}
            >
              {user.active ? "Active" : "Inactive"}
            </span>
            <span>{user.customer ? `Customer: ${user.customer.name}` : "Tenant-wide"}</span>
          </span>
        }
      />
      {leaks.map((leak) => (
        <p key={leak.id} role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Token <span className="font-mono">{leak.hint}</span> of this user was reported leaked
          {leak.leakSource ? ` (found in ${leak.leakSource})` : ""} {leak.leakedAt && <Time date={leak.leakedAt} />}
          {leak.leakUrl ? ` (found at ${leak.leakUrl})` : ""} and was revoked at once. Give the integration a new token.
        </p>
      ))}
      {expiring > 0 && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Expiring soon: {expiring === 1 ? "1 token of this user stops" : `${expiring} tokens of this user stop`} within{" "}
          {EXPIRING_SOON_DAYS} days. Nothing extends a token:{" "}
          <Link href={`${base}/tokens`} className="font-medium underline">
            generate or rotate
          </Link>{" "}
          a new one in time.
        </p>
      )}
      <Tabs label="API user" tabs={tabs} />
      {children}
    </TokenRevealProvider>
  );
}

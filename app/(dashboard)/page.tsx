import Link from "next/link";
import { requireMember } from "@/lib/auth/member";
import { listCustomers } from "@/lib/customers";
import { ClientId } from "@/components/client-id";
import { PageHeader } from "@/components/page-header";

export default async function OverviewPage() {
  const member = await requireMember();
  const customers = await listCustomers(member);
  return (
    <>
      <PageHeader title={member.tenant.name} description="Your courier company's API access at a glance." />
      <section className="card p-6">
        <h2 className="font-medium">Tenant</h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">
          Integrators send this in the <code className="font-mono">X-Tenant</code> header. It is public, not a secret.
        </p>
        <ClientId value={member.tenant.clientId} />
      </section>
      <section className="card mt-6 p-6">
        <div className="flex items-center justify-between">
          <h2 className="font-medium">Customers</h2>
          <Link href="/customers" className="text-sm text-indigo-600 hover:underline">
            All customers
          </Link>
        </div>
        <p className="mt-2 text-3xl font-semibold">{customers.length}</p>
        <p className="text-sm text-slate-500">
          with {customers.reduce((sum, c) => sum + c._count.apiUsers, 0)} customer API users
        </p>
      </section>
    </>
  );
}

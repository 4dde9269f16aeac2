import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/member";
import { can } from "@/lib/auth/roles";
import { RenameCustomer } from "@/components/customer-forms";
import { PageHeader } from "@/components/page-header";
import { renameCustomer } from "../actions";
import { pageCustomer } from "./customer";

/**
 * The customer's name and breadcrumb, above the page's loading.tsx. The lookup sits here
 * and not in the page because loading.tsx wraps the page in Suspense: a notFound() there
 * would come after the response started, as a 200. Here another tenant's customer (or
 * no customer) is a real 404, and the header shows at once while the sections load.
 */
export default async function CustomerLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const member = await requireMember();
  const customer = await pageCustomer((await params).id);
  if (!customer) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/customers" className="hover:underline">
          Customers
        </Link>{" "}
        / {customer.name}
      </nav>
      <PageHeader
        title={customer.name}
        description={customer.rateTable ? `Rate table: ${customer.rateTable.name}` : "Rate table: tenant default"}
        actions={
          can(member.role, "settings") && (
            <RenameCustomer key={customer.name} action={renameCustomer} customerId={customer.id} name={customer.name} />
          )
        }
      />
      {children}
    </>
  );
}

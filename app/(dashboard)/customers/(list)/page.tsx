import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/auth/member";
import { listCustomers, parseCustomerCursor } from "@/lib/tenants/customers";
import { PageHeader } from "@/components/page-header";
import { KeysetPager } from "@/components/keyset-pager";
import { SearchForm } from "@/components/search-form";
import { searchText } from "@/lib/server/search-text";
import { can } from "@/lib/auth/roles";
import { AddCustomer } from "@/components/customer-forms";
import { createCustomer } from "../actions";

export const metadata: Metadata = { title: "Customers" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.slice(0, 100) || undefined;

function href(values: Record<string, string | undefined>) {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `/customers?${text}` : "/customers";
}

/** The tenant's customers by name, 50 a page (keyset: ?after=), with a search by name or Client ID. */
export default async function CustomersPage({ searchParams }: Props) {
  const member = await requireMember();
  const params = await searchParams;
  const search = searchText(100).parse(first(params.q));
  const after = first(params.after);
  const { customers, next } = await listCustomers(member, { search, after: parseCustomerCursor(after) });
  return (
    <>
      <PageHeader
        title="Customers"
        description="Shops and warehouses that send parcels through you."
        actions={can(member.role, "settings") && <AddCustomer action={createCustomer} />}
      />
      <SearchForm
        id="customer-search"
        name="q"
        label="Name or Client ID"
        searchLabel="Search customers"
        value={search}
        clearHref="/customers"
        className="mb-4"
      />
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Client ID
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                API users
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {customers.map((customer) => (
              <tr key={customer.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <Link href={`/customers/${customer.id}`} className="font-medium text-indigo-600 hover:underline">
                    {customer.name}
                  </Link>
                </td>
                <td className="px-4 py-3 font-mono">{customer.clientId}</td>
                <td className="px-4 py-3">{customer.apiUsers}</td>
              </tr>
            ))}
            {customers.length === 0 && (
              <tr>
                <td colSpan={3} className="px-4 py-6 text-center text-slate-500">
                  {search ? "No customer matches." : "No customers yet."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <KeysetPager label="Pages" first={after ? href({ q: search }) : null} next={next ? href({ q: search, after: next }) : null} />
    </>
  );
}

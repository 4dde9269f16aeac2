import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/auth/member";
import { listCustomers } from "@/lib/tenants/customers";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const member = await requireMember();
  const customers = await listCustomers(member);
  return (
    <>
      <PageHeader title="Customers" description="Shops and warehouses that send parcels through you." />
      <div className="card overflow-hidden">
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
                <td className="px-4 py-3">{customer._count.apiUsers}</td>
              </tr>
            ))}
            {customers.length === 0 && (
              <tr>
                <td colSpan={3} className="px-4 py-6 text-center text-slate-500">
                  No customers yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

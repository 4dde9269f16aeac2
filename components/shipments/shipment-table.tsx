import Link from "next/link";
import type { ShipmentListItem } from "@/lib/couriers/shipment-search";
import { StatusBadge, TestBadge } from "./status-badge";
import { Time } from "@/components/time";

/**
 * A page of shipments. Each row opens the shipment's page (its tracking timeline) and
 * offers the label; `showCreator={false}` leaves out what the page already says (an API user's tab
 * needs no "Created by").
 */
export function ShipmentTable({
  shipments,
  label,
  showCreator = true,
}: {
  shipments: ShipmentListItem[];
  label: string;
  showCreator?: boolean;
}) {
  if (shipments.length === 0) return <p className="p-6 text-sm text-slate-500">No shipments match.</p>;
  return (
    // relative: the sr-only "Label" heading is positioned, and would widen the page past the scrolled table.
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">AWB</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Customer</th>
            {showCreator && <th className="px-3 py-2 font-medium">Created by</th>}
            <th className="px-3 py-2 font-medium">Recipient</th>
            <th className="px-3 py-2 text-right font-medium">Price</th>
            <th className="px-3 py-2 font-medium">Created</th>
            <th className="px-3 py-2 font-medium">
              <span className="sr-only">Label</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {shipments.map((s) => (
            <tr key={s.id}>
              <td className="px-3 py-2 font-mono whitespace-nowrap">
                <Link href={`/shipments/${s.awb}`} className="text-indigo-700 hover:underline">
                  {s.awb}
                </Link>
                {s.environment === "TEST" && (
                  <span className="ml-2 font-sans">
                    <TestBadge />
                  </span>
                )}
                {s.reference && <div className="font-sans text-xs text-slate-500">{s.reference}</div>}
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={s.status} />
                {s.lastEvent && (
                  <div className="mt-1 max-w-48 text-xs text-slate-500">
                    {[s.lastEvent.description, s.lastEvent.location].filter(Boolean).join(" · ")} · <Time date={s.lastEvent.occurredAt} />
                  </div>
                )}
              </td>
              <td className="px-3 py-2">{s.customer?.name ?? <span className="text-slate-500">Tenant</span>}</td>
              {showCreator && (
                <td className="px-3 py-2 whitespace-nowrap">
                  {s.apiUser ? (
                    <Link href={`/api-users/${s.apiUser.id}`} className="hover:underline">
                      {s.apiUser.username}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              )}
              <td className="max-w-44 px-3 py-2">{s.recipient || "—"}</td>
              <td className="px-3 py-2 text-right font-mono whitespace-nowrap">
                {s.price.amount} {s.price.currency}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Time date={s.createdAt} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {s.status === "cancelled" ? (
                  <span className="text-xs text-slate-500">No label</span>
                ) : (
                  <a href={`/shipments/${s.awb}/label`} className="text-indigo-700 hover:underline" aria-label={`Label PDF for ${s.awb}`}>
                    Label
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Newer / Older by keyset: the hrefs come from the page (null when there is no such page). */
export function ShipmentPager({ newest, newer, older }: { newest: string | null; newer: string | null; older: string | null }) {
  if (!newest && !newer && !older) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
      <div className="flex gap-2">
        {newest && (
          <Link href={newest} className="btn">
            Newest
          </Link>
        )}
        {newer && (
          <Link href={newer} className="btn">
            Newer
          </Link>
        )}
      </div>
      {older && (
        <Link href={older} className="btn">
          Older
        </Link>
      )}
    </nav>
  );
}

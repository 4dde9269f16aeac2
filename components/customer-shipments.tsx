import Link from "next/link";
import type { CustomerShipment } from "@/lib/couriers/shipments";
import { Time } from "@/components/time";

const STATUS_LABELS: Record<CustomerShipment["status"], string> = {
  created: "Created",
  picked_up: "Picked up",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

/**
 * One page of a customer's shipments (both environments), newest first, and the rate table
 * they are priced from. Data comes from listCustomerShipments in lib/couriers/shipments;
 * `older` is the cursor of the next page (?shipments=), `paged` whether this is not the first.
 */
export function CustomerShipments({
  shipments,
  rateTableName,
  pageHref,
  paged,
  older,
}: {
  shipments: CustomerShipment[];
  rateTableName: string | null;
  pageHref: string;
  paged: boolean;
  older: string | null;
}) {
  return (
    <section aria-labelledby="customer-shipments" className="card mt-6 p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="customer-shipments" className="font-medium">
          Shipments
        </h2>
        <p className="text-sm text-slate-500">Priced from: {rateTableName ?? "Tenant default"}</p>
      </div>
      {shipments.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No shipments yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">AWB</th>
                <th className="py-2 pr-4 font-medium">Status</th>
                <th className="py-2 pr-4 font-medium">Service</th>
                <th className="py-2 pr-4 font-medium">Recipient</th>
                <th className="py-2 pr-4 font-medium">Reference</th>
                <th className="py-2 pr-4 text-right font-medium">Price</th>
                <th className="py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shipments.map((s) => (
                <tr key={`${s.environment}-${s.awb}`}>
                  <td className="py-2 pr-4 font-mono">
                    {s.awb}
                    {s.environment === "TEST" && (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-sans text-xs text-amber-800">test</span>
                    )}
                  </td>
                  <td className="py-2 pr-4">{STATUS_LABELS[s.status]}</td>
                  <td className="py-2 pr-4">{s.service}</td>
                  <td className="py-2 pr-4">{s.recipient}</td>
                  <td className="py-2 pr-4">{s.reference ?? "—"}</td>
                  <td className="py-2 pr-4 text-right font-mono">
                    {s.price.amount} {s.price.currency}
                  </td>
                  <td className="py-2 whitespace-nowrap">
                    <Time date={s.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(paged || older) && (
        <nav aria-label="Shipment pages" className="mt-4 flex justify-between text-sm">
          {paged ? (
            <Link href={`${pageHref}#customer-shipments`} className="btn">
              Newest
            </Link>
          ) : (
            <span />
          )}
          {older && (
            <Link href={`${pageHref}?shipments=${encodeURIComponent(older)}#customer-shipments`} className="btn">
              Older
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

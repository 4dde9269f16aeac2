import Link from "next/link";
import type { Address } from "@/lib/couriers/schemas";
import type { ShipmentDetail } from "@/lib/couriers/shipment-search";
import { SHIPMENT_STATUS_LABELS } from "@/lib/couriers/shipment-filters";
import { StatusBadge, TestBadge } from "./status-badge";
import { Time } from "@/components/time";

const kg = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;

function AddressBlock({ title, address }: { title: string; address: Address }) {
  const lines = [
    address.company,
    address.name,
    address.street1,
    address.street2,
    `${address.postal_code} ${address.city}`,
    address.country,
  ];
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-500">{title}</h3>
      <address className="mt-1 text-sm not-italic">
        {lines.filter(Boolean).map((line, i) => (
          <div key={i}>{line}</div>
        ))}
        {address.phone && <div className="text-slate-500">{address.phone}</div>}
        {address.email && <div className="text-slate-500">{address.email}</div>}
      </address>
    </div>
  );
}

/** A shipment as staff see it: status, who booked it, addresses, parcels, price, label and the tracking timeline. */
export function ShipmentDetailView({ shipment: s }: { shipment: ShipmentDetail }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <section className="card p-6" aria-labelledby="shipment-summary">
          <h2 id="shipment-summary" className="sr-only">
            Summary
          </h2>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={s.status} />
            {s.environment === "TEST" && <TestBadge />}
            <span className="text-sm text-slate-500">
              {s.service.name} ({s.service.code})
            </span>
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Price</dt>
              <dd className="font-mono">
                {s.price.amount} {s.price.currency}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Weight / billable</dt>
              <dd>
                {kg(s.weightGrams)} / {kg(s.billableGrams)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Reference</dt>
              <dd>{s.reference ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Customer</dt>
              <dd>
                {s.customer ? (
                  <Link href={`/customers/${s.customer.id}`} className="hover:underline">
                    {s.customer.name}
                  </Link>
                ) : (
                  "Tenant"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Created by</dt>
              <dd>
                {s.apiUser ? (
                  <Link href={`/api-users/${s.apiUser.id}`} className="hover:underline">
                    {s.apiUser.username}
                  </Link>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Created</dt>
              <dd>
                <Time date={s.createdAt} />
              </dd>
            </div>
          </dl>
        </section>
        <section className="card grid gap-6 p-6 sm:grid-cols-2" aria-label="Addresses">
          <AddressBlock title="From" address={s.sender} />
          <AddressBlock title="To" address={s.recipientAddress} />
        </section>
        <section className="card overflow-hidden" aria-labelledby="shipment-parcels">
          <h2 id="shipment-parcels" className="px-6 pt-5 font-medium">
            Parcels ({s.parcels.length})
          </h2>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="px-6 py-2 font-medium">#</th>
                  <th className="px-6 py-2 font-medium">Weight</th>
                  <th className="px-6 py-2 font-medium">Dimensions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {s.parcels.map((p, i) => (
                  <tr key={i}>
                    <td className="px-6 py-2">{i + 1}</td>
                    <td className="px-6 py-2">{kg(p.weight_grams)}</td>
                    <td className="px-6 py-2">
                      {p.length_cm} × {p.width_cm} × {p.height_cm} cm
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <div className="space-y-6">
        <section className="card p-6" aria-labelledby="shipment-label">
          <h2 id="shipment-label" className="font-medium">
            Label
          </h2>
          {s.status === "cancelled" ? (
            <p className="mt-2 text-sm text-slate-500">A cancelled shipment has no label.</p>
          ) : (
            <div className="mt-3 flex flex-wrap gap-2">
              <a href={`/shipments/${s.awb}/label`} className="btn-primary">
                Download label (PDF)
              </a>
              <a href={`/shipments/${s.awb}/label?format=zpl`} className="btn">
                ZPL
              </a>
            </div>
          )}
        </section>
        <section className="card p-6" aria-labelledby="shipment-tracking">
          <h2 id="shipment-tracking" className="font-medium">
            Tracking
          </h2>
          <ol className="mt-4 space-y-4 border-l border-slate-200 pl-4">
            {[...s.events].reverse().map((e) => (
              <li key={e.id} className="relative">
                <span className="absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full bg-indigo-500" aria-hidden />
                <p className="text-sm font-medium">{e.description}</p>
                <p className="text-xs text-slate-500">
                  {SHIPMENT_STATUS_LABELS[e.status]}
                  {e.location ? ` · ${e.location}` : ""} · <Time date={e.occurredAt} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}

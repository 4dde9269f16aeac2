import { SHIPMENT_STATUS_LABELS } from "@/lib/couriers/shipment-filters";
import type { ShipmentStatusJson } from "@/lib/couriers/schemas";

const TONES: Record<ShipmentStatusJson, string> = {
  created: "bg-slate-100 text-slate-700",
  picked_up: "bg-sky-100 text-sky-800",
  in_transit: "bg-indigo-100 text-indigo-800",
  out_for_delivery: "bg-violet-100 text-violet-800",
  delivered: "bg-emerald-100 text-emerald-800",
  cancelled: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: ShipmentStatusJson }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[status]}`}>{SHIPMENT_STATUS_LABELS[status]}</span>
  );
}

export function TestBadge() {
  return <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">test</span>;
}

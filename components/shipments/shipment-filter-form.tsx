import Link from "next/link";
import { ENVIRONMENT_CHOICES, SHIPMENT_STATUS_LABELS, type EnvironmentChoice } from "@/lib/couriers/shipment-filters";
import { SHIPMENT_STATUSES, type ShipmentStatusJson } from "@/lib/couriers/schemas";
import { LookupField, type LookupOption } from "./lookup-field";

const ENVIRONMENT_LABELS: Record<EnvironmentChoice, string> = { live: "Live", test: "Test" };

/**
 * The filters of a shipment list, sent as a GET form: the URL holds the whole view, so a
 * filtered page can be shared and reloaded. `lookups` adds the customer and API user fields
 * (the tenant's page); an API user's tab has neither.
 */
export function ShipmentFilterForm({
  action,
  status,
  environment,
  lookups,
  filtered,
}: {
  action: string;
  status: ShipmentStatusJson | undefined;
  environment: EnvironmentChoice;
  lookups?: { customer: LookupOption | null; apiUser: LookupOption | null };
  filtered: boolean;
}) {
  return (
    <form method="get" action={action} className="card mb-4 flex flex-wrap items-end gap-4 p-4" aria-label="Filter shipments">
      <div>
        <label htmlFor="shipments-environment" className="block text-sm font-medium">
          Environment
        </label>
        <select id="shipments-environment" name="environment" defaultValue={environment} className="input mt-1">
          {ENVIRONMENT_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {ENVIRONMENT_LABELS[choice]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="shipments-status" className="block text-sm font-medium">
          Status
        </label>
        <select id="shipments-status" name="status" defaultValue={status ?? ""} className="input mt-1">
          <option value="">Any status</option>
          {SHIPMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SHIPMENT_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {lookups && (
        <>
          <LookupField name="customer" kind="customer" label="Customer" placeholder="Name or Client ID" initial={lookups.customer} />
          <LookupField name="apiUser" kind="apiUser" label="API user" placeholder="Username or e-mail" initial={lookups.apiUser} />
        </>
      )}
      <button type="submit" className="btn-primary">
        Filter
      </button>
      {filtered && (
        <Link href={action} className="btn">
          Clear
        </Link>
      )}
    </form>
  );
}

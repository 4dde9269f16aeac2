"use server";

import { memberAction } from "@/lib/auth/member-action";
import * as services from "@/lib/couriers/services";

// Services & Pricing changes: Owner and Admin only (ability "settings"); the tenant always
// comes from the session and lib/couriers/services keeps it in every query; each change is
// an activity event by the member's e-mail, from the request's IP. Only the pages that show
// services and prices (and the activity log) are revalidated.

export const setServiceActive = memberAction(
  { ability: "settings", schema: services.ServiceActiveInput, revalidate: ["/services", "/activity"] },
  async ({ member, input, ip }) => services.setServiceActive(member, { email: member.email, ip }, input.serviceId, input.active),
);

/** A rate table's form, all its prices at once: how many changed, for the form's confirmation. */
export const saveRateTablePrices = memberAction(
  { ability: "settings", schema: services.RateTablePricesInput, revalidate: ["/services", "/activity"] },
  async ({ member, input, ip }) => services.saveRateTablePrices(member, { email: member.email, ip }, input.rateTableId, input.prices),
);

/** The customer's page names its rate table and prices its shipments from it. */
export const linkRateTable = memberAction(
  {
    ability: "settings",
    schema: services.LinkRateTableInput,
    revalidate: (input) => ["/services", "/activity", `/customers/${encodeURIComponent(input.customerId)}`],
  },
  async ({ member, input, ip }) => services.linkRateTable(member, { email: member.email, ip }, input.customerId, input.rateTableId),
);

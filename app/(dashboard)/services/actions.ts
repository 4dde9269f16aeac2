"use server";

import { memberAction } from "@/lib/auth/member-action";
import * as services from "@/lib/couriers/services";

// Services & Pricing changes: Owner and Admin only (ability "settings"); the tenant always
// comes from the session and lib/couriers/services keeps it in every query. They are not
// logged as activity, so only the pages that show services and prices are revalidated.

export const setServiceActive = memberAction(
  { ability: "settings", schema: services.ServiceActiveInput, revalidate: ["/services"] },
  async ({ member, input }) => services.setServiceActive(member, input.serviceId, input.active),
);

export const setRulePrice = memberAction(
  { ability: "settings", schema: services.RulePriceInput, revalidate: ["/services"] },
  async ({ member, input }) => services.setRulePrice(member, input.ruleId, input.band, input.price),
);

/** The customer's page names its rate table and prices its shipments from it. */
export const linkRateTable = memberAction(
  { ability: "settings", schema: services.LinkRateTableInput, revalidate: (input) => ["/services", `/customers/${encodeURIComponent(input.customerId)}`] },
  async ({ member, input }) => services.linkRateTable(member, input.customerId, input.rateTableId),
);

"use server";

import { memberAction } from "@/lib/auth/member-action";
import * as services from "@/lib/couriers/services";

// Services & Pricing changes: Owner and Admin only (ability "settings"); the tenant always
// comes from the session and lib/couriers/services keeps it in every query.

export const setServiceActive = memberAction({ ability: "settings", schema: services.ServiceActiveInput }, async ({ member, input }) =>
  services.setServiceActive(member, input.serviceId, input.active),
);

export const setRulePrice = memberAction({ ability: "settings", schema: services.RulePriceInput }, async ({ member, input }) =>
  services.setRulePrice(member, input.ruleId, input.band, input.price),
);

export const linkRateTable = memberAction({ ability: "settings", schema: services.LinkRateTableInput }, async ({ member, input }) =>
  services.linkRateTable(member, input.customerId, input.rateTableId),
);

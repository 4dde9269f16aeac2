"use server";

import { memberAction } from "@/lib/auth/member-action";
import * as customers from "@/lib/tenants/customer-changes";

// Adding and renaming customers: Owner and Admin only (ability "settings"), the tenant from
// the session, each change an activity event by the member's e-mail from the request's IP.
// A customer's name shows on the Customers list, its page, Services & Pricing and the log.

export const createCustomer = memberAction(
  { ability: "settings", schema: customers.CreateCustomerInput, revalidate: ["/customers", "/services", "/activity"] },
  async ({ member, input, ip }) => customers.createCustomer(member, { email: member.email, ip }, input.name),
);

export const renameCustomer = memberAction(
  {
    ability: "settings",
    schema: customers.RenameCustomerInput,
    revalidate: (input) => ["/customers", `/customers/${encodeURIComponent(input.customerId)}`, "/services", "/activity"],
  },
  async ({ member, input, ip }) => customers.renameCustomer(member, { email: member.email, ip }, input.customerId, input.name),
);

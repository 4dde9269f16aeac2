import "server-only";
import { cache } from "react";
import { requireMember } from "@/lib/auth/member";
import { findCustomer } from "@/lib/tenants/customers";

/** This page's customer, read once per request although the layout, the metadata and the page all ask. */
export const pageCustomer = cache(async (id: string) => findCustomer(await requireMember(), id));

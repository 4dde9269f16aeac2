import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/member";
import { findApiUser } from "@/lib/api-users/user-page";

/**
 * This page's API user, read once per request for the layout, the metadata and the tab.
 * Another tenant's user (or none, or a deleted one) is a 404.
 */
export const pageApiUser = cache(async (id: string) => {
  const member = await requireMember();
  const user = await findApiUser(member.tenantId, id);
  if (!user) notFound();
  return {
    member,
    user,
    /** The scope its forms name: the customer id, or "" for a tenant-wide user. */
    scope: user.customerId ?? "",
    /** The list it belongs to. */
    listPath: user.customer ? `/customers/${user.customer.id}` : "/settings/api",
  };
});

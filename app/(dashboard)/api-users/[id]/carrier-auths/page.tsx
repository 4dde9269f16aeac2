import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/member";
import { can } from "@/lib/auth/roles";
import { listCarrierAuths } from "@/lib/carrier-auths/queries";
import { CarrierAuthList } from "@/components/carrier-auths/carrier-auth-list";
import * as actions from "./actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Carrier auths" };

/**
 * The API user's registered auths with other couriers: the "Carrier auths" tab of the API
 * user's page. Another tenant's API user (or a deleted one) is a 404. Members who may not
 * manage credentials see the list without hints and without controls.
 */
export default async function CarrierAuthsPage({ params }: Props) {
  const member = await requireMember();
  const list = await listCarrierAuths({ tenantId: member.tenantId }, (await params).id);
  if (!list) notFound();
  const manage = can(member.role, "credentials");
  return (
    <section aria-labelledby="carrier-auths" className="card p-4 sm:p-6">
      <h2 id="carrier-auths" className="font-medium">
        Carrier auths of <span className="font-mono">{list.apiUser.username}</span>
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-500">
        This API user&apos;s own accounts with other couriers. Secret fields are encrypted at rest and shown only after you confirm your
        password.
      </p>
      <CarrierAuthList
        apiUserId={list.apiUser.id}
        auths={manage ? list.auths : list.auths.map((auth) => ({ ...auth, fields: auth.fields.map((f) => ({ ...f, hint: null })) }))}
        actions={
          manage
            ? {
                add: actions.addCarrierAuth,
                edit: actions.editCarrierAuth,
                remove: actions.deleteCarrierAuth,
                reveal: actions.revealCarrierAuthSecret,
              }
            : null
        }
      />
    </section>
  );
}

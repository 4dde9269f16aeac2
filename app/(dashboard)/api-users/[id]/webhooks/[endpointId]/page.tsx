import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/roles";
import { deliveryLog } from "@/lib/webhooks/endpoints";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { pageApiUser } from "../../user";
import { resendWebhookDelivery, sendWebhookTestEvent } from "../actions";

type Props = { params: Promise<{ id: string; endpointId: string }> };

export const metadata: Metadata = { title: "Webhook deliveries" };

/** One endpoint's delivery log: its newest deliveries, each with its attempts; resend one, send a test event. */
export default async function DeliveryLogPage({ params }: Props) {
  const { id, endpointId } = await params;
  const { member, user } = await pageApiUser(id);
  const log = await deliveryLog({ tenantId: member.tenantId, apiUserId: user.id }, endpointId);
  if (!log) notFound();
  const manage = can(member.role, "credentials");
  return (
    <section aria-labelledby="delivery-log" className="card p-4 sm:p-6">
      <p className="text-sm">
        <Link href={`/api-users/${user.id}/webhooks`} className="text-slate-500 hover:underline">
          ← Webhooks
        </Link>
      </p>
      <h2 id="delivery-log" className="mt-2 font-medium">
        Deliveries to <span className="font-mono break-all">{log.endpoint.url}</span>
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-500">
        The newest 25 deliveries; each lists its attempts with the first kilobytes of the answer.
      </p>
      <DeliveryLog
        apiUserId={user.id}
        endpointId={log.endpoint.id}
        enabled={log.endpoint.enabled}
        deliveries={log.deliveries}
        actions={manage ? { resend: resendWebhookDelivery, sendTest: sendWebhookTestEvent } : null}
      />
    </section>
  );
}

import type { Metadata } from "next";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { can } from "@/lib/auth/roles";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { pageApiUser } from "../user";
import * as actions from "./actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Webhooks" };

/**
 * The API user's webhook endpoints of the dashboard's environment (the Test / Live switch):
 * the "Webhooks" tab. Another tenant's API user is a 404 (pageApiUser). Members who may not
 * manage credentials see the list without controls.
 */
export default async function WebhooksPage({ params }: Props) {
  const { member, user } = await pageApiUser((await params).id);
  const environment = await dashboardEnvironment(member);
  const endpoints = await listEndpoints({ tenantId: member.tenantId, apiUserId: user.id, environment });
  const manage = can(member.role, "credentials");
  return (
    <section aria-labelledby="webhooks" className="card p-4 sm:p-6">
      <h2 id="webhooks" className="font-medium">
        Webhooks of <span className="font-mono">{user.username}</span>
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-500">
        Shipment and pickup events pushed to the integrator as they happen, signed per Standard Webhooks and retried for about a day. Test
        objects&apos; events go to test endpoints only.
      </p>
      <EndpointList
        apiUserId={user.id}
        environment={environment === "TEST" ? "test" : "live"}
        endpoints={endpoints}
        actions={
          manage
            ? {
                create: actions.createWebhookEndpoint,
                setEnabled: actions.setWebhookEndpointEnabled,
                rotate: actions.rotateWebhookSecret,
                remove: actions.deleteWebhookEndpoint,
                sendTest: actions.sendWebhookTestEvent,
              }
            : null
        }
      />
    </section>
  );
}

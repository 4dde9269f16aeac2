"use server";

import { memberAction, type ActionContext } from "@/lib/auth/member-action";
import * as endpoints from "@/lib/webhooks/endpoints";
import {
  CreateEndpointForm,
  EndpointRef,
  overlapMs,
  ResendDeliveryForm,
  RotateSecretForm,
  SetEndpointEnabledForm,
} from "@/lib/webhooks/rules";
import { dashboardEnvironment } from "@/lib/auth/environment";

// The Webhooks tab's server actions. The tenant comes from the session and the API user from
// the form; lib/webhooks keeps both in every query, so an id from elsewhere is a 404.

function who(ctx: ActionContext<{ apiUserId: string }>) {
  return {
    owner: { tenantId: ctx.member.tenantId, apiUserId: ctx.input.apiUserId },
    actor: { actor: ctx.member.email, ip: ctx.ip },
  };
}

const shownOn = ({ apiUserId }: { apiUserId: string }) => [`/api-users/${encodeURIComponent(apiUserId)}/webhooks`, "/activity"];
const logOn = ({ apiUserId, endpointId }: { apiUserId: string; endpointId: string }) => [
  `/api-users/${encodeURIComponent(apiUserId)}/webhooks/${encodeURIComponent(endpointId)}`,
  "/activity",
];

/** The secret goes to the creator's dialog only; the page is re-rendered without it. */
export const createWebhookEndpoint = memberAction(
  { ability: "credentials", schema: CreateEndpointForm, revalidate: shownOn },
  async (ctx) => {
    const { owner, actor } = who(ctx);
    const environment = await dashboardEnvironment(ctx.member);
    const { endpoint, secret } = await endpoints.createEndpoint(owner, actor, { ...ctx.input, enabled: true, environment });
    const shown: string = secret;
    return { endpointId: endpoint.id, secret: shown };
  },
);

export const setWebhookEndpointEnabled = memberAction(
  { ability: "credentials", schema: SetEndpointEnabledForm, revalidate: shownOn },
  async (ctx) => {
    const { owner, actor } = who(ctx);
    await endpoints.updateEndpoint(owner, actor, ctx.input.endpointId, { enabled: ctx.input.enabled });
  },
);

export const rotateWebhookSecret = memberAction({ ability: "credentials", schema: RotateSecretForm, revalidate: shownOn }, async (ctx) => {
  const { owner, actor } = who(ctx);
  const { secret } = await endpoints.rotateEndpointSecret(owner, actor, ctx.input.endpointId, overlapMs(ctx.input.overlap));
  const shown: string = secret;
  return { secret: shown };
});

export const deleteWebhookEndpoint = memberAction({ ability: "credentials", schema: EndpointRef, revalidate: shownOn }, async (ctx) => {
  const { owner, actor } = who(ctx);
  await endpoints.deleteEndpoint(owner, actor, ctx.input.endpointId);
});

export const sendWebhookTestEvent = memberAction({ ability: "credentials", schema: EndpointRef, revalidate: logOn }, async (ctx) => {
  const { owner, actor } = who(ctx);
  await endpoints.sendTestEvent(owner, actor, ctx.input.endpointId);
});

export const resendWebhookDelivery = memberAction(
  { ability: "credentials", schema: ResendDeliveryForm, revalidate: logOn },
  async (ctx) => {
    const { owner, actor } = who(ctx);
    await endpoints.resendDelivery(owner, actor, ctx.input.endpointId, ctx.input.deliveryId);
  },
);

"use server";

import { memberAction, type ActionContext, type ActionResult, type ActionState } from "@/lib/auth/member-action";
import * as changes from "@/lib/carrier-auths/changes";
import * as rules from "@/lib/carrier-auths/rules";

// The carrier auth tab's server actions. The tenant comes from the session; lib/carrier-auths
// keeps it (and the API user from the form) in every query, so an id from elsewhere is a 404.

function who(ctx: ActionContext<unknown>) {
  return {
    scope: { tenantId: ctx.member.tenantId },
    actor: { memberId: ctx.member.id, email: ctx.member.email, ip: ctx.ip },
  };
}

const shownOn = ({ apiUserId }: { apiUserId: string }) => [`/api-users/${encodeURIComponent(apiUserId)}/carrier-auths`, "/activity"];

/**
 * memberAction echoes what was typed (passwords excepted) for the form to show again; a
 * carrier's secret fields are not named "password", so nothing is echoed from these forms.
 */
function withoutEcho<R>(action: (previous: ActionState<R>, data: FormData) => Promise<ActionResult<R>>) {
  return async (previous: ActionState<R>, data: FormData): Promise<ActionResult<R>> => {
    const result = await action(previous, data);
    if (result.ok) return result;
    const { values: _dropped, ...rest } = result;
    return rest;
  };
}

export const addCarrierAuth = withoutEcho(
  memberAction({ ability: "credentials", schema: rules.AddCarrierAuthInput, revalidate: shownOn }, async (ctx) => {
    const { scope, actor } = who(ctx);
    return changes.addCarrierAuth(scope, actor, ctx.input);
  }),
);

export const editCarrierAuth = withoutEcho(
  memberAction({ ability: "credentials", schema: rules.EditCarrierAuthInput, revalidate: shownOn }, async (ctx) => {
    const { scope, actor } = who(ctx);
    return changes.editCarrierAuth(scope, actor, ctx.input);
  }),
);

export const deleteCarrierAuth = withoutEcho(
  memberAction({ ability: "credentials", schema: rules.CarrierAuthRef, revalidate: shownOn }, async (ctx) => {
    const { scope, actor } = who(ctx);
    return changes.deleteCarrierAuth(scope, actor, ctx.input);
  }),
);

/** The value goes to the member's reveal dialog only; the page itself is not re-rendered with it. */
export const revealCarrierAuthSecret = withoutEcho(
  memberAction({ ability: "credentials", schema: rules.RevealSecretInput, revalidate: ["/activity"], sudo: true }, async (ctx) => {
    const { scope, actor } = who(ctx);
    const { label, value } = await changes.revealCarrierAuthSecret(scope, actor, ctx.input);
    // Leaves the door here, for the one dialog that asked.
    const shown: string = value;
    return { label, value: shown };
  }),
);

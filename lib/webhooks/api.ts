import "server-only";
import type { ApiContext } from "@/lib/api/context";
import type { ChangeActor, EndpointOwner } from "./endpoints";

/** The API's caller owns its endpoints, of its token's environment only (the API takes the environment from the token alone). */
export function endpointOwner(ctx: ApiContext): EndpointOwner {
  return { tenantId: ctx.tenant.id, apiUserId: ctx.apiUser.id, environment: ctx.token.environment };
}

export function tokenActor(ctx: ApiContext): ChangeActor {
  return { actor: ctx.apiUser.username, ip: ctx.ip, apiTokenId: ctx.token.id };
}

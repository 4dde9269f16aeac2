import "server-only";
import { randomBytes } from "node:crypto";
import type { Environment, Prisma, WebhookEndpoint } from "@prisma/client";
import { activityData } from "@/lib/activity/events";
import { db } from "@/lib/db";
import { openSecret, sealSecret, secretHint, type PlainSecret, type SecretBinding } from "@/lib/secrets";
import { AppError, notFound, validationFailed } from "@/lib/server/errors";
import { RefusedUrl, resolveTarget } from "./address-guard";
import { writeMessage } from "./outbox";
import { TEST_EVENT_TYPE } from "./rules";
import { newSigningSecret } from "./signing";

/**
 * An API user's webhook endpoints: the changes both faces make (the public API under
 * /v1/webhook-endpoints, the dashboard's Webhooks tab). Every function takes the owner first
 * and keeps its tenant and API user in every WHERE, so another tenant's or user's endpoint is
 * the same 404 as one that does not exist. Each change writes one activity event in its
 * transaction; the details name the URL's origin only (a query string may carry a customer's
 * own token) and never a secret. A signing secret leaves this module once, in the result of
 * createEndpoint or rotateEndpointSecret.
 */

export interface EndpointOwner {
  tenantId: string;
  apiUserId: string;
  /** The API's caller sees its token's environment only; the dashboard passes undefined (both). */
  environment?: Environment;
  /** The dashboard on a customer's page: that customer's API users only. */
  customerId?: string | null;
}

export interface ChangeActor {
  /** The member's e-mail, or the API user's name. */
  actor: string;
  ip: string | null;
  apiTokenId?: string | null;
}

export interface EndpointFields {
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
}

type Tx = Prisma.TransactionClient;
const TABLE = "WebhookEndpoint";

export function secretBinding(id: string, field: "secret" | "previousSecret"): SecretBinding {
  return { table: TABLE, row: id, field };
}

/** What both faces show of an endpoint: never a secret or a ciphertext. */
export function endpointView(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    environment: e.environment === "LIVE" ? ("live" as const) : ("test" as const),
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    failing_since: e.failingSince?.toISOString() ?? null,
    secret_hint: `whsec_…${e.secretHint}`,
    previous_secret_until: e.previousSecret && e.secretOverlapUntil ? e.secretOverlapUntil.toISOString() : null,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}
export type EndpointView = ReturnType<typeof endpointView>;

function ownerWhere(owner: EndpointOwner): Prisma.WebhookEndpointWhereInput {
  return {
    tenantId: owner.tenantId,
    apiUserId: owner.apiUserId,
    ...(owner.environment && { environment: owner.environment }),
    apiUser: { deletedAt: null, ...(owner.customerId !== undefined && { customerId: owner.customerId }) },
  };
}

/** cuid-like ids of ours only: anything else cannot exist. */
function plausibleId(id: string): boolean {
  return /^we_[a-f0-9]{24}$/.test(id);
}

async function findEndpoint(
  tx: Tx,
  owner: EndpointOwner,
  id: string,
): Promise<WebhookEndpoint & { apiUser: { customerId: string | null } }> {
  const found = plausibleId(id)
    ? await tx.webhookEndpoint.findFirst({ where: { ...ownerWhere(owner), id }, include: { apiUser: { select: { customerId: true } } } })
    : null;
  if (!found) throw notFound("No webhook endpoint with this id.");
  return found;
}

/** Whose page this is: the API user must exist in the owner's tenant (and customer). */
async function findOwner(tx: Tx, owner: EndpointOwner) {
  const user = await tx.apiUser.findFirst({
    where: {
      id: owner.apiUserId,
      tenantId: owner.tenantId,
      deletedAt: null,
      ...(owner.customerId !== undefined && { customerId: owner.customerId }),
    },
    select: { id: true, customerId: true, username: true },
  });
  if (!user) throw notFound("No such API user.");
  return user;
}

/** Refuses an address the worker would refuse (422 on `url`), before anything is written. */
async function checkAddress(url: string): Promise<void> {
  try {
    await resolveTarget(url);
  } catch (error) {
    if (error instanceof RefusedUrl) throw validationFailed({ url: [error.message] });
    throw error;
  }
}

function origin(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : "";
}

function event(owner: EndpointOwner, who: ChangeActor, customerId: string | null, action: string, details: Prisma.InputJsonObject) {
  return activityData({
    tenantId: owner.tenantId,
    customerId,
    apiUserId: owner.apiUserId,
    apiTokenId: who.apiTokenId ?? null,
    actor: who.actor,
    ip: who.ip,
    action,
    details,
  });
}

async function transaction<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await db();
  return prisma.$transaction(run);
}

export async function listEndpoints(owner: EndpointOwner): Promise<EndpointView[]> {
  const prisma = await db();
  const rows = await prisma.webhookEndpoint.findMany({ where: ownerWhere(owner), orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(endpointView);
}

export async function getEndpoint(owner: EndpointOwner, id: string): Promise<EndpointView> {
  return endpointView(await transaction((tx) => findEndpoint(tx, owner, id)));
}

/** The new endpoint and its signing secret: the only time the secret is shown. */
export async function createEndpoint(
  owner: EndpointOwner,
  who: ChangeActor,
  input: EndpointFields & { environment: Environment },
): Promise<{ endpoint: EndpointView; secret: PlainSecret }> {
  await checkAddress(input.url);
  const id = `we_${randomBytes(12).toString("hex")}`;
  const secret = newSigningSecret();
  const created = await transaction(async (tx) => {
    const user = await findOwner(tx, owner);
    const row = await tx.webhookEndpoint.create({
      data: {
        id,
        tenantId: owner.tenantId,
        apiUserId: user.id,
        url: input.url,
        description: input.description,
        events: input.events,
        environment: input.environment,
        enabled: input.enabled,
        secret: sealSecret(secret, secretBinding(id, "secret")),
        secretHint: secretHint(secret),
      },
    });
    await tx.activityEvent.create({
      data: event(owner, who, user.customerId, "webhook.create", {
        endpointId: id,
        origin: origin(input.url),
        events: input.events,
        environment: input.environment.toLowerCase(),
      }),
    });
    return row;
  });
  return { endpoint: endpointView(created), secret };
}

/** Changes the given fields; enabling clears the "disabled for failing" flag and its failure streak. */
export async function updateEndpoint(
  owner: EndpointOwner,
  who: ChangeActor,
  id: string,
  input: Partial<EndpointFields>,
): Promise<EndpointView> {
  if (input.url !== undefined) await checkAddress(input.url);
  return transaction(async (tx) => {
    const found = await findEndpoint(tx, owner, id);
    const changed = (Object.keys(input) as (keyof EndpointFields)[]).filter(
      (key) => input[key] !== undefined && JSON.stringify(input[key]) !== JSON.stringify(found[key]),
    );
    const row = await tx.webhookEndpoint.update({
      where: { id: found.id },
      data: {
        ...input,
        ...(input.enabled === true && !found.enabled && { disabledReason: null, failingSince: null }),
      },
    });
    if (input.enabled === false && found.enabled) await failPending(tx, found.id);
    await tx.activityEvent.create({
      data: event(owner, who, found.apiUser.customerId, input.enabled === false && found.enabled ? "webhook.disable" : "webhook.update", {
        endpointId: found.id,
        origin: origin(row.url),
        changed,
        ...(changed.includes("enabled") && { enabled: row.enabled }),
        ...(changed.includes("events") && { events: row.events }),
      }),
    });
    return endpointView(row);
  });
}

/** A disabled endpoint gets nothing: what it still had pending is given up. */
export async function failPending(tx: Tx, endpointId: string): Promise<void> {
  await tx.webhookDelivery.updateMany({ where: { endpointId, status: "PENDING" }, data: { status: "FAILED" } });
}

export async function deleteEndpoint(owner: EndpointOwner, who: ChangeActor, id: string): Promise<void> {
  await transaction(async (tx) => {
    const found = await findEndpoint(tx, owner, id);
    await tx.webhookEndpoint.delete({ where: { id: found.id } });
    await tx.activityEvent.create({
      data: event(owner, who, found.apiUser.customerId, "webhook.delete", { endpointId: found.id, origin: origin(found.url) }),
    });
  });
}

/**
 * A new signing secret, shown once. With an overlap the old one keeps signing until then
 * (both signatures go in `webhook-signature`), so the receiver can switch without losing a
 * delivery; without, it stops now.
 */
export async function rotateEndpointSecret(
  owner: EndpointOwner,
  who: ChangeActor,
  id: string,
  overlapMs: number,
  now = new Date(),
): Promise<{ endpoint: EndpointView; secret: PlainSecret }> {
  const secret = newSigningSecret();
  const row = await transaction(async (tx) => {
    const found = await findEndpoint(tx, owner, id);
    const old = openSecret(found.secret, secretBinding(found.id, "secret"));
    const overlap = overlapMs > 0;
    const updated = await tx.webhookEndpoint.update({
      where: { id: found.id },
      data: {
        secret: sealSecret(secret, secretBinding(found.id, "secret")),
        secretHint: secretHint(secret),
        previousSecret: overlap ? sealSecret(old, secretBinding(found.id, "previousSecret")) : null,
        secretOverlapUntil: overlap ? new Date(now.getTime() + overlapMs) : null,
      },
    });
    await tx.activityEvent.create({
      data: event(owner, who, found.apiUser.customerId, "webhook.rotate_secret", {
        endpointId: found.id,
        origin: origin(found.url),
        overlapSeconds: Math.round(overlapMs / 1000),
      }),
    });
    return updated;
  });
  return { endpoint: endpointView(row), secret };
}

/** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
export function signingSecrets(e: WebhookEndpoint, now = new Date()): PlainSecret[] {
  const current = openSecret(e.secret, secretBinding(e.id, "secret"));
  if (!e.previousSecret || !e.secretOverlapUntil || e.secretOverlapUntil <= now) return [current];
  return [current, openSecret(e.previousSecret, secretBinding(e.id, "previousSecret"))];
}

/** Queues a `webhook.test` message to this endpoint only (sent by the worker like any event). */
export async function sendTestEvent(owner: EndpointOwner, who: ChangeActor, id: string): Promise<{ messageId: string }> {
  return transaction(async (tx) => {
    const found = await findEndpoint(tx, owner, id);
    if (!found.enabled) throw new AppError("webhook_endpoint_disabled");
    const messageId = await writeMessage(
      tx,
      found,
      TEST_EVENT_TYPE,
      { endpoint_id: found.id, message: "A test event from Courier Console." },
      [found.id],
    );
    await tx.activityEvent.create({
      data: event(owner, who, found.apiUser.customerId, "webhook.test", { endpointId: found.id, origin: origin(found.url), messageId }),
    });
    return { messageId };
  });
}

/**
 * Sends a delivery again: it becomes due now with a fresh schedule (the same webhook-id, as
 * the spec wants for a message sent again), and the worker takes it on its next poll.
 */
export async function resendDelivery(owner: EndpointOwner, who: ChangeActor, endpointId: string, deliveryId: string): Promise<void> {
  await transaction(async (tx) => {
    const found = await findEndpoint(tx, owner, endpointId);
    if (!found.enabled) throw new AppError("webhook_endpoint_disabled");
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, endpointId: found.id },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date() },
    });
    if (count === 0) throw notFound("No such delivery.");
    await tx.activityEvent.create({
      data: event(owner, who, found.apiUser.customerId, "webhook.resend", { endpointId: found.id, origin: origin(found.url), deliveryId }),
    });
  });
}

/** The endpoint's newest deliveries with their attempts (newest first): the delivery log. */
export async function deliveryLog(owner: EndpointOwner, endpointId: string, take = 25) {
  const prisma = await db();
  const found = plausibleId(endpointId)
    ? await prisma.webhookEndpoint.findFirst({ where: { ...ownerWhere(owner), id: endpointId } })
    : null;
  if (!found) return null;
  const deliveries = await prisma.webhookDelivery.findMany({
    where: { endpointId: found.id },
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    take,
    include: {
      message: { select: { id: true, type: true } },
      log: { orderBy: { at: "desc" }, take: 10 },
    },
  });
  return {
    endpoint: endpointView(found),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      messageId: d.message.id,
      type: d.message.type,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt : null,
      createdAt: d.createdAt,
      log: d.log.map((a) => ({
        id: a.id,
        at: a.at,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
        responseExcerpt: a.responseExcerpt,
      })),
    })),
  };
}

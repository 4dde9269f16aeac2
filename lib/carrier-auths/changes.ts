import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { activityData } from "@/lib/activity/events";
import type { Actor } from "@/lib/api-users/rules";
import { db } from "@/lib/db";
import { openSecret, SecretIntegrityError, SecretKeyError, type PlainSecret } from "@/lib/secrets";
import { AppError, notFound, validationFailed } from "@/lib/server/errors";
import { carrierByCode } from "./catalog";
import { apiUserWhere, type CarrierAuthScope } from "./queries";
import type { AddCarrierAuthInput, CarrierAuthRef, EditCarrierAuthInput, RevealSecretInput } from "./rules";
import { binding, sealAll, storedFields, storedSecrets } from "./stored";

/**
 * Adding, editing, deleting and revealing an API user's carrier auths. Each takes the
 * member's scope first and keeps it in every WHERE (another tenant's or customer's auth is
 * a 404 and changes nothing), and writes one activity event in its transaction, whose
 * details name fields but never hold a secret value.
 */

type Tx = Prisma.TransactionClient;

async function transaction<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await db();
  return prisma.$transaction(run);
}

async function findUser(tx: Tx, scope: CarrierAuthScope, apiUserId: string) {
  const user = await tx.apiUser.findFirst({
    where: apiUserWhere(scope, apiUserId),
    select: { id: true, username: true, customerId: true },
  });
  if (!user) throw notFound("No such API user.");
  return user;
}

async function findAuth(tx: Tx, scope: CarrierAuthScope, input: z.output<typeof CarrierAuthRef>) {
  const auth = await tx.carrierAuth.findFirst({
    where: { id: input.authId, tenantId: scope.tenantId, apiUserId: input.apiUserId, apiUser: apiUserWhere(scope, input.apiUserId) },
    include: { apiUser: { select: { id: true, username: true, customerId: true } } },
  });
  if (!auth) throw notFound("No such carrier auth.");
  return auth;
}

function event(
  scope: CarrierAuthScope,
  actor: Actor,
  user: { id: string; customerId: string | null; username: string },
  action: string,
  details: Prisma.InputJsonObject,
) {
  return activityData({
    tenantId: scope.tenantId,
    customerId: user.customerId,
    apiUserId: user.id,
    actor: actor.email,
    action,
    ip: actor.ip,
    details: { username: user.username, ...details },
  });
}

/** Ids are chosen here, before the insert: each ciphertext's associated data names its row. */
function newAuthId(): string {
  return `ca_${randomBytes(12).toString("hex")}`;
}

export async function addCarrierAuth(scope: CarrierAuthScope, actor: Actor, input: z.output<typeof AddCarrierAuthInput>) {
  return transaction(async (tx) => {
    const user = await findUser(tx, scope, input.apiUserId);
    const id = newAuthId();
    await tx.carrierAuth.create({
      data: {
        id,
        tenantId: scope.tenantId,
        apiUserId: user.id,
        courier: input.courier,
        company: input.company,
        testing: input.testing,
        fields: input.fields,
        secrets: sealAll(id, input.secrets),
        createdById: actor.memberId,
        updatedById: actor.memberId,
      },
    });
    await tx.activityEvent.create({
      data: event(scope, actor, user, "carrier_auth.add", {
        authId: id,
        courier: input.courier,
        company: input.company,
        testing: input.testing,
        secretFields: Object.keys(input.secrets),
      }),
    });
    return { authId: id };
  });
}

/** A secret field left blank keeps its stored value; the courier of an auth never changes. */
export async function editCarrierAuth(
  scope: CarrierAuthScope,
  actor: Actor,
  input: z.output<typeof EditCarrierAuthInput>,
  now = new Date(),
): Promise<void> {
  await transaction(async (tx) => {
    const auth = await findAuth(tx, scope, input);
    if (auth.courier !== input.courier) {
      throw validationFailed({ courier: ["The courier of a registered auth cannot change; add a new auth instead."] });
    }
    const before = storedFields(auth.fields);
    const changed = [
      ...(auth.company !== input.company ? ["company"] : []),
      ...(auth.testing !== input.testing ? ["testing"] : []),
      ...Object.keys({ ...before, ...input.fields }).filter((name) => before[name] !== input.fields[name]),
    ];
    await tx.carrierAuth.update({
      where: { id: auth.id },
      data: {
        company: input.company,
        testing: input.testing,
        fields: input.fields,
        secrets: sealAll(auth.id, input.secrets, storedSecrets(auth.secrets)),
        updatedById: actor.memberId,
        updatedAt: now,
      },
    });
    await tx.activityEvent.create({
      data: event(scope, actor, auth.apiUser, "carrier_auth.edit", {
        authId: auth.id,
        courier: auth.courier,
        company: input.company,
        changed,
        secretsReplaced: Object.keys(input.secrets),
      }),
    });
  });
}

export async function deleteCarrierAuth(scope: CarrierAuthScope, actor: Actor, input: z.output<typeof CarrierAuthRef>): Promise<void> {
  await transaction(async (tx) => {
    const auth = await findAuth(tx, scope, input);
    await tx.carrierAuth.delete({ where: { id: auth.id } });
    await tx.activityEvent.create({
      data: event(scope, actor, auth.apiUser, "carrier_auth.delete", { authId: auth.id, courier: auth.courier, company: auth.company }),
    });
  });
}

/**
 * One secret field's plain value, for the member's reveal dialog (the server action asks for
 * sudo mode first: lib/auth/sudo.ts); logged as a reveal of that field (never the value).
 */
export async function revealCarrierAuthSecret(
  scope: CarrierAuthScope,
  actor: Actor,
  input: z.output<typeof RevealSecretInput>,
): Promise<{ label: string; value: PlainSecret }> {
  return transaction(async (tx) => {
    const auth = await findAuth(tx, scope, input);
    const field = carrierByCode(auth.courier)?.fields.find((f) => f.name === input.field && f.secret);
    const stored = storedSecrets(auth.secrets)[input.field];
    if (!field || !stored) throw notFound("This auth has no such secret field.");
    let value: PlainSecret;
    try {
      value = openSecret(stored.sealed, binding(auth.id, input.field));
    } catch (error) {
      if (!(error instanceof SecretKeyError || error instanceof SecretIntegrityError)) throw error;
      console.error(`carrier auth ${auth.id}: ${error.message}`);
      throw new AppError("secret_unreadable");
    }
    await tx.activityEvent.create({
      data: event(scope, actor, auth.apiUser, "carrier_auth.reveal", {
        authId: auth.id,
        courier: auth.courier,
        company: auth.company,
        field: input.field,
      }),
    });
    return { label: field.label, value };
  });
}

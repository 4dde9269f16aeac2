import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { activityData, type ActivityActor } from "@/lib/activity/events";
import { db } from "@/lib/db";
import {
  assertKeysKnown,
  isUnderCurrentKey,
  openSecret,
  plainSecret,
  resealSecret,
  sealSecret,
  SecretIntegrityError,
  SecretKeyError,
  type SecretBinding,
} from "@/lib/secrets";
import { AppError, validationFailed } from "@/lib/server/errors";
import { resealTable, type ResealOutcome } from "@/lib/secrets/rotation";
import { verifyPassword } from "./passwords";

/**
 * Two-factor sign-in with an authenticator app: TOTP as RFC 6238 has it (HMAC-SHA1, 30 s,
 * 6 digits, the otpauth library), the secret sealed through lib/secrets, ten single-use
 * recovery codes stored as SHA-256. A code is accepted for the current step or one either
 * side (clock drift), and never for a step at or before the last one accepted: a code seen
 * over someone's shoulder cannot be used again.
 */

const PERIOD = 30;
const DIGITS = 6;
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Courier Console";

const binding = (memberId: string): SecretBinding => ({ table: "MemberTwoFactor", row: memberId, field: "secret" });

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The 30-second step a valid code belongs to, or null. */
function matchingStep(secretBase32: string, code: string, now: number): number | null {
  if (!secretBase32) return null;
  const delta = totp(secretBase32, "").validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/**
 * The plain secret, for checking a code. A secret this server cannot open (its key missing,
 * the row altered) is logged here and matches no code: sign-in says "wrong code" (recovery
 * codes still work), and the key's name or file never reaches the sign-in form.
 */
function readSecret(sealed: string, memberId: string): string {
  try {
    return openSecret(sealed, binding(memberId));
  } catch (error) {
    if (!(error instanceof SecretIntegrityError || error instanceof SecretKeyError)) throw error;
    console.error(`two-factor secret of member ${memberId} unreadable:`, error.message);
    return "";
  }
}

/** Whether the member has confirmed two-factor sign-in. */
export async function twoFactorEnabled(memberId: string): Promise<boolean> {
  const prisma = await db();
  const row = await prisma.memberTwoFactor.findFirst({ where: { memberId, confirmedAt: { not: null } }, select: { memberId: true } });
  return row !== null;
}

/**
 * A new secret for the member's app, pending until confirmSetup: replaces a pending one,
 * refused once two-factor is on. The secret leaves here only for the setup dialog.
 */
export async function beginSetup(member: { id: string; email: string }) {
  const prisma = await db();
  if (await twoFactorEnabled(member.id)) throw new AppError("two_factor_already_on");
  const secret = new Secret({ size: 20 }).base32;
  const sealed = sealSecret(plainSecret(secret), binding(member.id));
  await prisma.memberTwoFactor.upsert({
    where: { memberId: member.id },
    create: { memberId: member.id, secret: sealed },
    update: { secret: sealed, confirmedAt: null, lastUsedStep: null },
  });
  const uri = totp(secret, member.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** 10 random characters of base32 in two groups of five (50 bits): `k7m2p-x9q4r`. */
function newRecoveryCode(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => alphabet[byte % 32]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const hashRecoveryCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code), "utf8").digest("hex");

/** The first code turns the pending secret on; returns the recovery codes, shown once. */
export async function confirmSetup(member: { id: string; tenantId: string }, actor: ActivityActor, code: string, now = Date.now()) {
  const prisma = await db();
  const pending = await prisma.memberTwoFactor.findUnique({ where: { memberId: member.id }, select: { secret: true, confirmedAt: true } });
  if (!pending) throw new AppError("two_factor_off", "Start the setup again: no authenticator is waiting for a code.");
  if (pending.confirmedAt) throw new AppError("two_factor_already_on");
  const step = matchingStep(openSecret(pending.secret, binding(member.id)), code, now);
  if (step === null) throw validationFailed({ code: ["That code is not right. Check the time on your device and try the newest code."] });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.memberTwoFactor.updateMany({
      where: { memberId: member.id, confirmedAt: null, secret: pending.secret },
      data: { confirmedAt: new Date(now), lastUsedStep: step },
    });
    if (count === 0) throw new AppError("two_factor_off", "Start the setup again: the authenticator changed meanwhile.");
    await tx.memberRecoveryCode.deleteMany({ where: { memberId: member.id } });
    await tx.memberRecoveryCode.createMany({ data: codes.map((c) => ({ memberId: member.id, codeHash: hashRecoveryCode(c) })) });
    await tx.activityEvent.create({
      data: activityData({ tenantId: member.tenantId, actor: actor.email, ip: actor.ip, action: "member.two_factor_enabled", details: {} }),
    });
  });
  return { recoveryCodes: codes };
}

/** Turns two-factor off after the member's password; refused while the team requires it. */
export async function disableTwoFactor(member: { id: string; tenantId: string }, actor: ActivityActor, password: string) {
  const prisma = await db();
  const row = await prisma.member.findUnique({
    where: { id: member.id },
    select: { passwordHash: true, tenant: { select: { requireTwoFactor: true } }, twoFactor: { select: { confirmedAt: true } } },
  });
  if (!row?.twoFactor?.confirmedAt) throw new AppError("two_factor_off");
  if (row.tenant.requireTwoFactor) throw new AppError("two_factor_required_by_team");
  if (!(await verifyPassword(row.passwordHash, password))) throw validationFailed({ password: ["That is not your password."] });
  await prisma.$transaction([
    prisma.memberTwoFactor.delete({ where: { memberId: member.id } }),
    prisma.memberRecoveryCode.deleteMany({ where: { memberId: member.id } }),
    prisma.activityEvent.create({
      data: activityData({
        tenantId: member.tenantId,
        actor: actor.email,
        ip: actor.ip,
        action: "member.two_factor_disabled",
        details: {},
      }),
    }),
  ]);
}

export async function remainingRecoveryCodes(memberId: string): Promise<number> {
  const prisma = await db();
  return prisma.memberRecoveryCode.count({ where: { memberId, usedAt: null } });
}

/**
 * The second step of sign-in: a 6-digit code of a step newer than the last one used, or an
 * unused recovery code. Each is spent by one conditional update, so two sign-ins racing
 * with the same code get one success between them.
 */
export async function verifySecondFactor(memberId: string, code: string, now = Date.now()): Promise<"totp" | "recovery" | null> {
  const prisma = await db();
  const row = await prisma.memberTwoFactor.findFirst({ where: { memberId, confirmedAt: { not: null } }, select: { secret: true } });
  if (!row) return null;
  const trimmed = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchingStep(readSecret(row.secret, memberId), trimmed, now);
    if (step === null) return null;
    const { count } = await prisma.memberTwoFactor.updateMany({
      where: { memberId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  const { count } = await prisma.memberRecoveryCode.updateMany({
    where: { memberId, codeHash: hashRecoveryCode(trimmed), usedAt: null },
    data: { usedAt: new Date(now) },
  });
  return count === 1 ? "recovery" : null;
}

/** The key ids TOTP secrets are sealed with, for the key check at start and `npm run secrets:rotate`. */
export async function twoFactorKeyIds(): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ keyId: string }[]>`SELECT DISTINCT split_part("secret", '.', 2) AS "keyId" FROM "MemberTwoFactor"`;
  return rows.map((row) => row.keyId);
}

/** At start and before a rotation: every key a TOTP secret names must be configured. */
export async function checkTwoFactorKeys(): Promise<void> {
  assertKeysKnown(await twoFactorKeyIds());
}

/** `npm run secrets:rotate`: re-seals each TOTP secret not under the current key (lib/secrets/rotation.ts). */
export async function rotateTwoFactorSecrets(batchSize = 100): Promise<ResealOutcome> {
  const prisma = await db();
  return resealTable({
    batchSize,
    page: async (after, take) =>
      (
        await prisma.memberTwoFactor.findMany({
          where: { memberId: { gt: after } },
          orderBy: { memberId: "asc" },
          take,
          select: { memberId: true, secret: true },
        })
      ).map((row) => ({ id: row.memberId, secret: row.secret })),
    current: (row) => isUnderCurrentKey(row.secret),
    reseal: (memberId) =>
      prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<
          { secret: string }[]
        >`SELECT "secret" FROM "MemberTwoFactor" WHERE "memberId" = ${memberId} FOR UPDATE`;
        if (!locked || isUnderCurrentKey(locked.secret)) return 0;
        await tx.memberTwoFactor.update({ where: { memberId }, data: { secret: resealSecret(locked.secret, binding(memberId)) } });
        return 1;
      }),
  });
}

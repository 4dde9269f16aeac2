import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@prisma/client";
import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import {
  beginSetup,
  confirmSetup,
  disableTwoFactor,
  remainingRecoveryCodes,
  rotateTwoFactorSecrets,
  twoFactorKeyIds,
  verifySecondFactor,
} from "@/lib/auth/two-factor";
import { resetKeyring } from "@/lib/secrets";
import { AppError } from "@/lib/server/errors";
import { resetEnv } from "@/lib/server/env";
import { changeOwnPassword } from "@/lib/team/account";
import { acceptInvitation, createInvitation, listPendingInvitations, pendingInvitation, revokeInvitation } from "@/lib/team/invitations";
import { changeRole, listMembers, removeMember, setRequireTwoFactor, type TeamActor } from "@/lib/team/members";
import { makeTenant } from "./support/fixtures";

const PASSWORD = "a-long-member-password";
const KEY = `team:${randomBytes(32).toString("base64")}`;

function useKeys(keys: string, current = "") {
  vi.stubEnv("SECRET_KEYS", keys);
  vi.stubEnv("SECRET_KEY_CURRENT", current);
  resetEnv();
  resetKeyring();
}

beforeAll(() => useKeys(KEY));

// On PostgreSQL the database outlives the run: this file's sealed secrets (under a key of
// this run only) go with it, so a later run's rotation does not meet them.
const tenants: string[] = [];
afterAll(async () => {
  await (await db()).memberTwoFactor.deleteMany({ where: { member: { tenantId: { in: tenants } } } });
  resetKeyring();
});

async function team() {
  const tenant = await makeTenant();
  tenants.push(tenant.id);
  const by = (role: Role) => tenant.members.find((m) => m.role === role)!;
  const actor = (role: Role): TeamActor => ({ memberId: by(role).id, role, email: by(role).email, ip: "192.0.2.1" });
  return { tenant, scope: { tenantId: tenant.id }, by, actor };
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const roleOf = async (id: string) => (await (await db()).member.findUnique({ where: { id }, select: { role: true } }))?.role;

describe("roles and removal", () => {
  it("keeps the last Owner: neither demoted nor removed, even by themselves", async () => {
    const { scope, by, actor } = await team();
    const owner = by("OWNER");
    expect(await code(changeRole(scope, actor("OWNER"), { memberId: owner.id, role: "ADMIN" }))).toBe("last_owner");
    expect(await code(removeMember(scope, { ...actor("ADMIN"), role: "OWNER" }, { memberId: owner.id }))).toBe("last_owner");
    expect(await roleOf(owner.id)).toBe("OWNER");
  });

  it("lets one of two Owners step down, and then refuses the other", async () => {
    const { scope, by, actor } = await team();
    await changeRole(scope, actor("OWNER"), { memberId: by("ADMIN").id, role: "OWNER" });
    await changeRole(scope, actor("OWNER"), { memberId: by("OWNER").id, role: "DEVELOPER" });
    expect(await roleOf(by("OWNER").id)).toBe("DEVELOPER");
    const second: TeamActor = { ...actor("ADMIN"), role: "OWNER" };
    expect(await code(changeRole(scope, second, { memberId: by("ADMIN").id, role: "READ_ONLY" }))).toBe("last_owner");
  });

  it("lets an Admin manage non-Owners only", async () => {
    const { scope, by, actor } = await team();
    const admin = actor("ADMIN");
    expect(await code(changeRole(scope, admin, { memberId: by("OWNER").id, role: "ADMIN" }))).toBe("role_forbidden");
    expect(await code(changeRole(scope, admin, { memberId: by("DEVELOPER").id, role: "OWNER" }))).toBe("role_forbidden");
    expect(await code(removeMember(scope, admin, { memberId: by("OWNER").id }))).toBe("role_forbidden");
    expect(await code(createInvitation(scope, admin, { email: `o-${randomBytes(3).toString("hex")}@test.example`, role: "OWNER" }))).toBe(
      "role_forbidden",
    );
    await changeRole(scope, admin, { memberId: by("DEVELOPER").id, role: "READ_ONLY" });
    expect(await roleOf(by("DEVELOPER").id)).toBe("READ_ONLY");
    await removeMember(scope, admin, { memberId: by("READ_ONLY").id });
    expect(await roleOf(by("READ_ONLY").id)).toBeUndefined();
  });

  it("refuses Developers, other tenants' members, and removing oneself; every change is an event", async () => {
    const { scope, by, actor, tenant } = await team();
    const other = await team();
    expect(await code(changeRole(scope, actor("DEVELOPER"), { memberId: by("READ_ONLY").id, role: "ADMIN" }))).toBe("role_forbidden");
    expect(await code(removeMember(scope, actor("OWNER"), { memberId: other.by("DEVELOPER").id }))).toBe("not_found");
    expect(await code(removeMember(scope, actor("ADMIN"), { memberId: by("ADMIN").id }))).toBe("role_forbidden");
    await changeRole(scope, actor("OWNER"), { memberId: by("READ_ONLY").id, role: "DEVELOPER" });
    await removeMember(scope, actor("OWNER"), { memberId: by("READ_ONLY").id });
    const events = await (await db()).activityEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["member.role_changed", { member: by("READ_ONLY").email, before: "READ_ONLY", after: "DEVELOPER" }],
      ["member.removed", { member: by("READ_ONLY").email, role: "DEVELOPER" }],
    ]);
    expect(await roleOf(other.by("DEVELOPER").id)).toBe("DEVELOPER");
  });
});

describe("invitations", () => {
  const email = () => `new-${randomBytes(4).toString("hex")}@test.example`;

  it("is accepted once, as the role it names, and stores no token", async () => {
    const { scope, actor, tenant } = await team();
    const { token, path, invitation } = await createInvitation(scope, actor("ADMIN"), { email: email(), role: "DEVELOPER" });
    expect(path).toBe(`/invite/${token}`);
    const stored = await (await db()).invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await pendingInvitation(token))?.email).toBe(invitation.email);
    const member = await acceptInvitation({ token, name: "New Person", password: PASSWORD }, { ip: null });
    expect(member.role).toBe("DEVELOPER");
    const row = await (await db()).member.findUniqueOrThrow({ where: { id: member.id } });
    expect(row.tenantId).toBe(tenant.id);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
    expect(await code(acceptInvitation({ token, name: "Again", password: PASSWORD }, { ip: null }))).toBe("invitation_not_pending");
    expect(await pendingInvitation(token)).toBeNull();
    expect((await listMembers(scope)).map((m) => m.email)).toContain(invitation.email);
  });

  it("expires after 7 days", async () => {
    const { scope, actor } = await team();
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60_000);
    const { token } = await createInvitation(scope, actor("OWNER"), { email: email(), role: "ADMIN" }, eightDaysAgo);
    expect(await pendingInvitation(token)).toBeNull();
    expect(await code(acceptInvitation({ token, name: "Late", password: PASSWORD }, { ip: null }))).toBe("invitation_not_pending");
    expect(await listPendingInvitations(scope)).toEqual([]);
  });

  it("is revocable while pending, and not by another tenant", async () => {
    const { scope, actor } = await team();
    const other = await team();
    const { token, invitation } = await createInvitation(scope, actor("OWNER"), { email: email(), role: "READ_ONLY" });
    expect(await code(revokeInvitation(other.scope, other.actor("OWNER"), { invitationId: invitation.id }))).toBe("not_found");
    await revokeInvitation(scope, actor("ADMIN"), { invitationId: invitation.id });
    expect(await code(revokeInvitation(scope, actor("ADMIN"), { invitationId: invitation.id }))).toBe("invitation_not_pending");
    expect(await code(acceptInvitation({ token, name: "X", password: PASSWORD }, { ip: null }))).toBe("invitation_not_pending");
  });

  it("refuses an address that already has an account", async () => {
    const { scope, actor, by } = await team();
    expect(await code(createInvitation(scope, actor("OWNER"), { email: by("DEVELOPER").email, role: "ADMIN" }))).toBe("member_exists");
  });
});

describe("two-factor sign-in", () => {
  const at = (step: number) => step * 30_000 + 5_000;
  const nowStep = Math.floor(Date.now() / 30_000);

  async function enabled() {
    const { tenant, by } = await team();
    const member = { ...by("DEVELOPER"), tenantId: tenant.id };
    const { secret } = await beginSetup(member);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
    const codeAt = (step: number) => totp.generate({ timestamp: at(step) });
    const { recoveryCodes } = await confirmSetup(member, { email: member.email, ip: null }, codeAt(nowStep), at(nowStep));
    return { member, secret, codeAt, recoveryCodes };
  }

  it("keeps the secret sealed and accepts each time step once (no replay)", async () => {
    const { member, secret, codeAt } = await enabled();
    const row = await (await db()).memberTwoFactor.findUniqueOrThrow({ where: { memberId: member.id } });
    expect(row.secret).not.toContain(secret);
    expect(row.secret.startsWith("v1.team.")).toBe(true);
    // The confirming code's step is spent already.
    expect(await verifySecondFactor(member.id, codeAt(nowStep), at(nowStep))).toBeNull();
    expect(await verifySecondFactor(member.id, codeAt(nowStep + 1), at(nowStep + 1))).toBe("totp");
    expect(await verifySecondFactor(member.id, codeAt(nowStep + 1), at(nowStep + 1))).toBeNull();
    // One step of drift is allowed, but never back to a step at or before the last one used.
    expect(await verifySecondFactor(member.id, codeAt(nowStep + 3), at(nowStep + 2))).toBe("totp");
    expect(await verifySecondFactor(member.id, codeAt(nowStep + 2), at(nowStep + 3))).toBeNull();
    expect(await verifySecondFactor(member.id, "000000", at(nowStep + 9))).toBe(codeAt(nowStep + 9) === "000000" ? "totp" : null);
  });

  it("matches no code with a secret this server cannot open, and says nothing of the key", async () => {
    const { member, codeAt, recoveryCodes } = await enabled();
    const prisma = await db();
    const row = await prisma.memberTwoFactor.findUniqueOrThrow({ where: { memberId: member.id } });
    // Sealed for another row: it fails its integrity check here.
    const other = await enabled();
    const moved = await prisma.memberTwoFactor.findUniqueOrThrow({ where: { memberId: other.member.id } });
    await prisma.memberTwoFactor.update({ where: { memberId: member.id }, data: { secret: moved.secret } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await verifySecondFactor(member.id, codeAt(nowStep + 1), at(nowStep + 1))).toBeNull();
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    expect(await verifySecondFactor(member.id, recoveryCodes[0] ?? "")).toBe("recovery");
    await prisma.memberTwoFactor.update({ where: { memberId: member.id }, data: { secret: row.secret } });
  });

  it("takes each recovery code once, in any case and with or without its dash", async () => {
    const { member, recoveryCodes } = await enabled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [first, second] = recoveryCodes as [string, string];
    expect(await verifySecondFactor(member.id, first)).toBe("recovery");
    expect(await verifySecondFactor(member.id, first)).toBeNull();
    expect(await verifySecondFactor(member.id, second.toUpperCase().replace("-", " "))).toBe("recovery");
    expect(await verifySecondFactor(member.id, "aaaaa-aaaaa")).toBeNull();
    expect(await remainingRecoveryCodes(member.id)).toBe(8);
    const stored = await (await db()).memberRecoveryCode.findMany({ where: { memberId: member.id } });
    expect(JSON.stringify(stored)).not.toContain(first.replace("-", ""));
  });

  it("is not on until the first code confirms it, and a wrong first code changes nothing", async () => {
    const { tenant, by } = await team();
    const member = { ...by("ADMIN"), tenantId: tenant.id };
    const { secret } = await beginSetup(member);
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const wrong = String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, "0");
    expect(await code(confirmSetup(member, { email: member.email, ip: null }, wrong))).toBe("validation_failed");
    expect(await verifySecondFactor(member.id, totp.generate())).toBeNull();
    expect(await code(beginSetup(member))).toBeUndefined();
  });

  it("is turned off with the password, unless the team requires it; only an Owner with it on requires it", async () => {
    const { member } = await enabled();
    const prisma = await db();
    await prisma.member.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    const scope = { tenantId: member.tenantId };
    const asOwner: TeamActor = { memberId: member.id, role: "OWNER", email: member.email, ip: null };
    expect(await code(setRequireTwoFactor(scope, { ...asOwner, role: "ADMIN" }, true))).toBe("role_forbidden");
    const owner = (await prisma.member.findFirstOrThrow({ where: { tenantId: member.tenantId, role: "OWNER" } })).id;
    expect(await code(setRequireTwoFactor(scope, { ...asOwner, memberId: owner }, true))).toBe("two_factor_off");
    await setRequireTwoFactor(scope, asOwner, true);
    const actor = { email: member.email, ip: null };
    expect(await code(disableTwoFactor(member, actor, PASSWORD))).toBe("two_factor_required_by_team");
    await setRequireTwoFactor(scope, asOwner, false);
    expect(await code(disableTwoFactor(member, actor, "not-it"))).toBe("validation_failed");
    await disableTwoFactor(member, actor, PASSWORD);
    expect(await verifySecondFactor(member.id, "aaaaa-aaaaa")).toBeNull();
    expect(await remainingRecoveryCodes(member.id)).toBe(0);
  });
});

describe("key rotation", () => {
  it("re-seals two-factor secrets under the current key, and codes still work", async () => {
    const prisma = await db();
    const { tenant, by } = await team();
    const member = { ...by("OWNER"), tenantId: tenant.id };
    const { secret } = await beginSetup(member);
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const step = Math.floor(Date.now() / 30_000);
    await confirmSetup(member, { email: member.email, ip: null }, totp.generate({ timestamp: step * 30_000 }), step * 30_000);
    const side = `side${randomBytes(3).toString("hex")}`;
    useKeys(`${KEY},${side}:${randomBytes(32).toString("base64")}`, side);
    try {
      expect(await twoFactorKeyIds()).toContain("team");
      await rotateTwoFactorSecrets();
      const row = await prisma.memberTwoFactor.findUniqueOrThrow({ where: { memberId: member.id } });
      expect(row.secret.startsWith(`v1.${side}.`)).toBe(true);
      expect(await twoFactorKeyIds()).toContain(side);
      const next = (step + 1) * 30_000;
      expect(await verifySecondFactor(member.id, totp.generate({ timestamp: next }), next)).toBe("totp");
    } finally {
      await prisma.memberTwoFactor.deleteMany({ where: { memberId: member.id } });
      useKeys(KEY);
    }
  });
});

describe("own password", () => {
  it("needs the current password and raises the session version", async () => {
    const { tenant, by } = await team();
    const prisma = await db();
    const member = { id: by("READ_ONLY").id, tenantId: tenant.id };
    await prisma.member.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    const actor = { email: by("READ_ONLY").email, ip: null };
    expect(await code(changeOwnPassword(member, actor, { currentPassword: "wrong", password: "another-long-password" }))).toBe(
      "validation_failed",
    );
    expect(await changeOwnPassword(member, actor, { currentPassword: PASSWORD, password: "another-long-password" })).toEqual({
      sessionVersion: 1,
    });
    const row = await prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(row.passwordHash, "another-long-password")).toBe(true);
  });
});

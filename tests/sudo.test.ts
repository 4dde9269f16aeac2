import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { requireSudo, SUDO_WINDOW_MS, sudoActive } from "@/lib/auth/sudo";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { makeTenant } from "./support/fixtures";

// Sudo mode (issue 14): the member's password, then 10 minutes of this session without it.
// The server actions' use of it (revoke, delete, reveal …) is e2e/credential-policy.spec.ts.

const PASSWORD = "member-password";
// An address of its own per test: wrong passwords also count per IP, across tests and runs.
const ip = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function member() {
  const tenant = await makeTenant();
  const admin = tenant.members.find((m) => m.role === "ADMIN")!;
  const prisma = await db();
  await prisma.member.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return { id: admin.id, tenantId: tenant.id };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("sudo mode", () => {
  it("asks for the password, then holds for this session only, for 10 minutes", async () => {
    const m = await member();
    const session = randomUUID();
    const from = ip();
    const asked = await failure(requireSudo(m, session, "", from));
    expect(asked.code).toBe("sudo_required");
    expect(asked.details).toEqual({ fields: { sudoPassword: ["Enter your password to confirm."] } });

    const wrong = await failure(requireSudo(m, session, "not-it", from));
    expect(wrong.code).toBe("validation_failed");
    expect(wrong.details).toEqual({ fields: { sudoPassword: ["That is not your password."] } });
    expect(await sudoActive(m, session)).toBe(false);

    await requireSudo(m, session, PASSWORD, from);
    expect(await sudoActive(m, session)).toBe(true);
    await requireSudo(m, session, "", from); // no password needed now
    expect(await sudoActive(m, randomUUID())).toBe(false); // another session of the same member
    expect((await failure(requireSudo(m, randomUUID(), "", from))).code).toBe("sudo_required");

    // Ten minutes later (moved back in the database, not waited for): asked again.
    const prisma = await db();
    await prisma.sudoSession.update({ where: { sessionId: session }, data: { confirmedAt: new Date(Date.now() - SUDO_WINDOW_MS - 1000) } });
    expect(await sudoActive(m, session)).toBe(false);
    expect((await failure(requireSudo(m, session, "", from))).code).toBe("sudo_required");
    await prisma.$executeRaw`UPDATE "SudoSession" SET "confirmedAt" = "confirmedAt" + interval '2 seconds' WHERE "sessionId" = ${session}`;
    expect(await sudoActive(m, session)).toBe(true);
  });

  it("is another member's window only for that member", async () => {
    const m = await member();
    const other = await member();
    const session = randomUUID();
    await requireSudo(m, session, PASSWORD, ip());
    expect(await sudoActive(other, session)).toBe(false);
  });

  it("counts wrong passwords like failed sign-ins: after five, even the right one is refused", async () => {
    const m = await member();
    const session = randomUUID();
    const from = ip();
    for (let i = 0; i < 5; i++) expect((await failure(requireSudo(m, session, `guess-${i}`, from))).code).toBe("validation_failed");
    expect((await failure(requireSudo(m, session, PASSWORD, from))).code).toBe("too_many_attempts");
    expect(await sudoActive(m, session)).toBe(false);
  });

  it("without a session id (a session from before sudo mode) asks every time", async () => {
    const m = await member();
    await requireSudo(m, null, PASSWORD, ip());
    expect((await failure(requireSudo(m, null, "", ip()))).code).toBe("sudo_required");
  });
});

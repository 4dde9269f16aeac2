import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { MemberContext } from "@/lib/auth/member";
import { AppError } from "@/lib/server/errors";

// memberAction's own contract, without a session store or a database: the member comes
// from a stub and revalidatePath is a spy, so each test reads which pages were refreshed.
const revalidatePath = vi.fn();
let member: MemberContext | null = null;
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => revalidatePath(...args) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "192.0.2.7" }) }));
vi.mock("@/lib/auth/member", () => ({ currentMember: async () => member }));

const { memberAction } = await import("@/lib/auth/member-action");

const developer: MemberContext = {
  id: "m1",
  email: "dev@example.test",
  name: "Dev",
  role: "DEVELOPER",
  tenantId: "t1",
  tenant: { name: "T", clientId: "CC-T", requireTwoFactor: false },
  twoFactor: false,
};
const Input = z.object({ customerId: z.string().min(1, "Required."), password: z.string().default("") });

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe("memberAction", () => {
  beforeEach(() => {
    revalidatePath.mockClear();
    member = developer;
  });

  it("revalidates exactly the paths the action names, read from the validated input", async () => {
    const action = memberAction(
      { ability: "credentials", schema: Input, revalidate: (input) => [`/customers/${input.customerId}`, "/"] },
      async ({ input }) => input.customerId,
    );
    expect(await action(null, form({ customerId: "c9" }))).toEqual({ ok: true, data: "c9" });
    expect(revalidatePath.mock.calls).toEqual([["/customers/c9"], ["/"]]);
  });

  it("revalidates nothing when refused: no session, wrong role, bad input, or an AppError", async () => {
    const run = vi.fn(async (): Promise<void> => {
      throw new AppError("not_found");
    });
    const action = memberAction({ ability: "settings", schema: Input, revalidate: ["/services"] }, run);
    expect(await action(null, form({ customerId: "c1" }))).toMatchObject({ ok: false, code: "role_forbidden" });
    member = null;
    expect(await action(null, form({ customerId: "c1" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    member = { ...developer, role: "ADMIN" };
    expect(await action(null, form({ customerId: "", password: "secret" }))).toEqual({
      ok: false,
      code: "validation_failed",
      error: "Check the highlighted fields.",
      fieldErrors: { customerId: ["Required."] },
      values: { customerId: "" },
    });
    expect(await action(null, form({ customerId: "c1" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(run).toHaveBeenCalledTimes(1);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("answers service_unavailable with a plain message when the database cannot be reached, and rethrows anything else", async () => {
    member = { ...developer, role: "ADMIN" };
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const away = memberAction({ ability: "settings", schema: Input, revalidate: ["/services"] }, async (): Promise<void> => {
      throw refused;
    });
    const result = await away(null, form({ customerId: "c1", password: "secret" }));
    expect(result).toEqual({
      ok: false,
      code: "service_unavailable",
      error: "The database cannot be reached right now, so this change may not have been saved. Try again in a moment.",
      values: { customerId: "c1" },
    });
    expect(revalidatePath).not.toHaveBeenCalled();
    const broken = memberAction({ ability: "settings", schema: Input, revalidate: [] }, async (): Promise<void> => {
      throw new TypeError("a bug");
    });
    await expect(broken(null, form({ customerId: "c1" }))).rejects.toThrow("a bug");
  });
});

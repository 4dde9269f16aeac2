import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { currentMember, type MemberContext } from "@/lib/auth/member";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { mustSetUpTwoFactor } from "@/lib/auth/two-factor-gate";
import { AppError, ERRORS, type ErrorCode } from "@/lib/server/errors";
import { clientIp } from "@/lib/server/request-ip";
import { can, type Ability } from "@/lib/auth/roles";
import { currentSessionId, requireSudo, SUDO_PASSWORD_FIELD } from "@/lib/auth/sudo";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; error: string; fieldErrors?: FieldErrors; values?: Record<string, string | string[]> };

/** What useActionState holds: null before the first submit. */
export type ActionState<T = undefined> = ActionResult<T> | null;

/**
 * The paths whose pages show what an action changes, fixed or read from its validated
 * input (a customer's page is `/customers/<id>`). Only these are revalidated, so the other
 * pages keep their cached render; `[]` says the action changes nothing that is shown.
 */
export type Revalidate<Input> = readonly string[] | ((input: Input) => readonly string[]);

export interface ActionContext<Input> {
  member: MemberContext;
  input: Input;
  ip: string | null;
}

/**
 * Every server action the same way: session → role → zod → sudo (when asked) → call →
 * revalidate. Returns field errors (and what was typed, passwords excepted) for the form to
 * show again. While the database cannot be reached (lib/db/errors.ts) the action answers
 * `service_unavailable` with a plain message instead of failing the page.
 */
interface MemberActionOptions<S extends z.ZodType> {
  ability: Ability | "read";
  schema: S;
  revalidate: Revalidate<z.output<S>>;
  /**
   * Sudo mode (lib/auth/sudo.ts): the member's password within the last 10 minutes of this
   * session, sent as `sudoPassword` when asked. A function decides from the input (rotate: only "now").
   */
  sudo?: boolean | ((input: z.output<S>) => boolean);
  /** The two-factor setup's own actions: allowed before the setup the team requires. */
  beforeTwoFactorSetup?: boolean;
}

export function memberAction<S extends z.ZodType, R>(
  options: MemberActionOptions<S>,
  run: (ctx: ActionContext<z.output<S>>) => Promise<R>,
) {
  const act = checkedAction(options, run);
  return async (previous: ActionState<R>, formData: FormData): Promise<ActionResult<R>> => {
    try {
      return await act(previous, formData);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      console.warn("dashboard action: the database cannot be reached");
      return { ok: false, code: "service_unavailable", error: DATABASE_UNAVAILABLE, values: echo(formValues(formData)) };
    }
  };
}

// A transaction is all or nothing, but a COMMIT cut off mid-way may have landed: "may not".
const DATABASE_UNAVAILABLE = "The database cannot be reached right now, so this change may not have been saved. Try again in a moment.";

function checkedAction<S extends z.ZodType, R>(options: MemberActionOptions<S>, run: (ctx: ActionContext<z.output<S>>) => Promise<R>) {
  return async (_previous: ActionState<R>, formData: FormData): Promise<ActionResult<R>> => {
    const member = await currentMember();
    if (!member) return refused("unauthenticated");
    if (!options.beforeTwoFactorSetup && mustSetUpTwoFactor(member)) return refused("two_factor_setup_required");
    if (options.ability !== "read" && !can(member.role, options.ability)) {
      return refused("role_forbidden");
    }
    const raw = formValues(formData);
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        code: "validation_failed",
        error: "Check the highlighted fields.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
        values: echo(raw),
      };
    }
    try {
      const ip = clientIp(await headers());
      const sudo = typeof options.sudo === "function" ? options.sudo(parsed.data) : options.sudo;
      if (sudo) {
        const password = raw[SUDO_PASSWORD_FIELD];
        await requireSudo(member, await currentSessionId(), typeof password === "string" ? password : "", ip);
      }
      const data = await run({ member, input: parsed.data, ip });
      for (const path of pathsOf(options.revalidate, parsed.data)) revalidatePath(path);
      return { ok: true, data };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const fields = (error.details as { fields?: FieldErrors } | undefined)?.fields;
      return { ok: false, code: error.code, error: error.message, fieldErrors: fields, values: echo(raw) };
    }
  };
}

function pathsOf<Input>(revalidate: Revalidate<Input>, input: Input): readonly string[] {
  return typeof revalidate === "function" ? revalidate(input) : revalidate;
}

function refused(code: ErrorCode): { ok: false; code: ErrorCode; error: string } {
  return { ok: false, code, error: ERRORS[code].message };
}

/** FormData as a plain object; a name ending in [] (checkbox groups) becomes an array. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) values[key.slice(0, -2)] = all;
    else values[key] = all[0] ?? "";
  }
  return values;
}

function echo(values: Record<string, string | string[]>) {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

import { z } from "zod";
import { carrierByCode, fieldInputName, type Carrier } from "./catalog";

/**
 * The carrier auth forms' rules, built from the catalogue: pure, shared by the server
 * actions (which decide) and the form (which shows the same hints). A carrier field arrives
 * as `f_<name>`; its errors come back under that name, beside the field.
 */

export const COMPANY_MAX = 80;
export const COMPANY_HINT = "Tells two accounts with the same courier apart, e.g. the shop's trading name.";

const Id = (what: string) => z.string().min(1, `Choose ${what}.`).max(100);

export const ApiUserRef = z.object({ apiUserId: Id("an API user") });
export const CarrierAuthRef = ApiUserRef.extend({ authId: Id("an auth") });

const Base = z.object({
  company: z
    .string()
    .trim()
    .min(1, "Enter a company, to tell this account apart.")
    .max(COMPANY_MAX, `The company is at most ${COMPANY_MAX} characters.`),
  testing: z.enum(["yes", "no"], "Choose whether this is a testing account.").transform((value) => value === "yes"),
});

/** What an add or edit leaves: the non-secret fields, and the secret fields that were typed (a blank one is absent). */
export interface CarrierAuthValues {
  courier: string;
  company: string;
  testing: boolean;
  fields: Record<string, string>;
  secrets: Record<string, string>;
}

/**
 * The carrier's fields, from the raw form. `keepBlankSecrets`: on edit, a blank secret
 * field keeps the stored value, so it is not required.
 */
function carrierFields(carrier: Carrier, raw: Record<string, unknown>, keepBlankSecrets: boolean, ctx: z.RefinementCtx) {
  const fields: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of carrier.fields) {
    const name = fieldInputName(field.name);
    const value = raw[name];
    const typed = typeof value === "string" ? (field.secret ? value : value.trim()) : "";
    if (typed === "") {
      if (field.required && !(field.secret && keepBlankSecrets))
        ctx.addIssue({ code: "custom", path: [name], message: `Enter the ${field.label}.` });
      continue;
    }
    const parsed = field.format.safeParse(typed);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [name], message: issue.message });
      continue;
    }
    (field.secret ? secrets : fields)[field.name] = parsed.data;
  }
  return { fields, secrets };
}

function carrierForm(keepBlankSecrets: boolean) {
  // One pass over everything, so the form shows every field's error at once.
  return z.looseObject({}).transform((raw, ctx): CarrierAuthValues => {
    const base = Base.safeParse(raw);
    if (!base.success) for (const issue of base.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    const courier = typeof raw.courier === "string" ? raw.courier : "";
    const carrier = carrierByCode(courier);
    if (!carrier) {
      ctx.addIssue({ code: "custom", path: ["courier"], message: courier ? "Choose a courier from the list." : "Choose a courier." });
      return z.NEVER;
    }
    const { fields, secrets } = carrierFields(carrier, raw, keepBlankSecrets, ctx);
    if (!base.success) return z.NEVER;
    return { courier: carrier.code, company: base.data.company, testing: base.data.testing, fields, secrets };
  });
}

export const AddCarrierAuthInput = ApiUserRef.and(carrierForm(false));
/** The courier of an existing auth cannot change (its fields would not fit): the form sends it back unchanged. */
export const EditCarrierAuthInput = CarrierAuthRef.and(carrierForm(true));

/** The member's password is asked by sudo mode (lib/auth/sudo.ts) in the server action, not here. */
export const RevealSecretInput = CarrierAuthRef.extend({
  field: z.string().min(1, "Choose a field.").max(100),
});

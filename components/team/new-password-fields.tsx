import type { FieldErrors } from "@/lib/auth/member-action";
import { MEMBER_PASSWORD_HINT } from "@/lib/team/rules";
import { TextField } from "@/components/form-field";

/**
 * A member's new password and the same again (`password`, `passwordConfirm`), with the
 * password rules as the hint: when joining ("Password") and when changing it ("New password").
 */
export function NewPasswordFields({
  id,
  errors,
  label,
  onChange,
}: {
  id: string;
  errors: FieldErrors;
  label: "Password" | "New password";
  /** What was typed, for a form that signs in with it afterwards. */
  onChange?: (password: string) => void;
}) {
  return (
    <>
      <TextField
        id={`${id}-${label === "Password" ? "password" : "new"}`}
        name="password"
        type="password"
        label={label}
        autoComplete="new-password"
        hint={MEMBER_PASSWORD_HINT}
        required
        onChange={onChange && ((e) => onChange(e.currentTarget.value))}
        errors={errors.password}
      />
      <TextField
        id={`${id}-confirm`}
        name="passwordConfirm"
        type="password"
        label={`${label} again`}
        autoComplete="new-password"
        required
        errors={errors.passwordConfirm}
      />
    </>
  );
}

import type { FieldErrors } from "@/lib/auth/member-action";
import { TextField } from "@/components/form-field";

/**
 * Sudo mode's password (lib/auth/sudo.ts) in a dialog of a destructive action: shown once
 * the server asks for it (no password confirmed in this session for 10 minutes), then sent
 * as `sudoPassword` with the next submit. The server decides; this only asks.
 */
export function SudoPasswordField({ id, errors }: { id: string; errors: FieldErrors }) {
  if (!errors.sudoPassword?.length) return null;
  return (
    <TextField
      id={`${id}-sudo-password`}
      name="sudoPassword"
      type="password"
      label="Your password"
      required
      autoFocus
      autoComplete="current-password"
      hint="Confirms it is you; not asked again for 10 minutes."
      errors={errors.sudoPassword}
    />
  );
}

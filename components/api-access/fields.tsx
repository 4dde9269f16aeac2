import {
  DEFAULT_ENVIRONMENT,
  DEFAULT_EXPIRY,
  ENVIRONMENT_CHOICES,
  ENVIRONMENTS,
  EXPIRIES,
  EXPIRY_CHOICES,
  type EnvironmentChoice,
} from "@/lib/api-users/rules";
import type { FieldErrors } from "@/lib/auth/member-action";
import { PERMISSIONS, type Permission, type PermissionHints } from "@/lib/credentials/permissions";
import { errorId, FieldError } from "@/components/form-field";

/**
 * The ten permissions as checkboxes, each with the endpoints it opens. `hints` comes from
 * the server (permissionHints() of lib/api/operations): the catalogue stays out of the client bundle.
 */
export function PermissionFields({
  id,
  errors,
  hints,
  selected = [],
}: {
  id: string;
  errors: FieldErrors;
  hints: PermissionHints;
  selected?: readonly Permission[];
}) {
  const fieldId = `${id}-permissions`;
  const invalid = Boolean(errors.permissions?.length);
  return (
    <fieldset aria-describedby={invalid ? errorId(fieldId) : undefined} aria-invalid={invalid || undefined}>
      <legend className="text-sm font-medium">Permissions</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {PERMISSIONS.map((permission) => (
          <div key={permission.key} className="flex items-start gap-2 rounded-md border border-slate-200 p-2">
            <input
              id={`${fieldId}-${permission.key}`}
              type="checkbox"
              name="permissions[]"
              value={permission.key}
              defaultChecked={selected.includes(permission.key)}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorId(fieldId) : undefined}
              className="mt-1"
            />
            <label htmlFor={`${fieldId}-${permission.key}`} className="text-sm">
              <span className="font-medium">{permission.label}</span>{" "}
              <span className="font-mono text-xs text-slate-500">{permission.key}</span>
              <span className="block text-xs text-slate-500">{hints[permission.key]?.join(", ")}</span>
            </label>
          </div>
        ))}
      </div>
      <FieldError fieldId={fieldId} messages={errors.permissions} />
    </fieldset>
  );
}

/** Live or test, preselecting the dashboard's current mode (`selected`). */
export function EnvironmentField({
  id,
  errors,
  legend = "Environment",
  selected = DEFAULT_ENVIRONMENT,
}: {
  id: string;
  errors: FieldErrors;
  legend?: string;
  selected?: EnvironmentChoice;
}) {
  const fieldId = `${id}-environment`;
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex gap-4 text-sm">
        {ENVIRONMENT_CHOICES.map((choice) => (
          <label key={choice} className="flex items-center gap-1.5">
            <input type="radio" name="environment" value={choice} defaultChecked={choice === selected} /> {ENVIRONMENTS[choice].label} (
            <code className="font-mono">cc_{choice}_</code>)
          </label>
        ))}
      </div>
      <FieldError fieldId={fieldId} messages={errors.environment} />
    </fieldset>
  );
}

/** A new token's lifetime: a choice of days, or a date (the `date` choice), refused beside the field when wrong. */
export function ExpiryField({ id, errors, legend = "Expires" }: { id: string; errors: FieldErrors; legend?: string }) {
  const fieldId = `${id}-expiry`;
  const dateId = `${id}-expiry-date`;
  const dateInvalid = Boolean(errors.expiryDate?.length);
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {EXPIRY_CHOICES.map((choice) => (
          <label key={choice} className="flex items-center gap-1.5">
            <input type="radio" name="expiry" value={choice} defaultChecked={choice === DEFAULT_EXPIRY} /> {EXPIRIES[choice].label}
          </label>
        ))}
      </div>
      <label htmlFor={dateId} className="mt-2 block text-sm">
        Date (with &ldquo;On a date&rdquo;: the token works through that day, UTC)
      </label>
      <input
        id={dateId}
        name="expiryDate"
        type="date"
        className="input mt-1"
        aria-invalid={dateInvalid || undefined}
        aria-describedby={dateInvalid ? errorId(dateId) : undefined}
      />
      <FieldError fieldId={dateId} messages={errors.expiryDate} />
      <FieldError fieldId={fieldId} messages={errors.expiry} />
    </fieldset>
  );
}

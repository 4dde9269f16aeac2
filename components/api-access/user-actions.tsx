"use client";

import { Gauge, ShieldCheck, Trash2, UserCheck, UserX } from "lucide-react";
import { DEFAULT_RATE_LIMIT, MAX_RATE_LIMIT, MIN_RATE_LIMIT } from "@/lib/api-users/rules";
import type { Permission, PermissionHints } from "@/lib/credentials/permissions";
import { FieldError, TextField } from "@/components/form-field";
import { ActionDialog } from "./action-dialog";
import { PermissionFields } from "./fields";
import type { ApiAccessActions } from "./types";

interface UserActionsProps {
  scope: string;
  user: { id: string; username: string; permissions: Permission[]; active: boolean; rateLimit: number | null };
  actions: ApiAccessActions;
  permissionHints: PermissionHints;
  /** Where to go once the user is deleted (its page is gone): the list it was on. */
  listPath: string;
}

/** The mutating controls of one API user (rendered only for roles that may use them). */
export function UserActions({ scope, user, actions, permissionHints, listPath }: UserActionsProps) {
  const hidden = { scope, apiUserId: user.id };
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={`Manage ${user.username}`}>
      <ActionDialog
        trigger="Edit permissions"
        icon={ShieldCheck}
        title={`Permissions of ${user.username}`}
        description="Takes effect on its next API request."
        submitLabel="Save permissions"
        action={actions.updatePermissions}
        success={`Permissions of ${user.username} saved`}
        hidden={hidden}
      >
        {({ id, errors }) => <PermissionFields id={id} errors={errors} hints={permissionHints} selected={user.permissions} />}
      </ActionDialog>

      <ActionDialog
        trigger="Rate limit"
        icon={Gauge}
        title={`Rate limit of ${user.username}`}
        description="Requests per rolling minute."
        submitLabel="Save rate limit"
        action={actions.updateRateLimit}
        success={`Rate limit of ${user.username} saved`}
        hidden={hidden}
      >
        {({ id, errors }) => (
          <>
            <fieldset className="space-y-2 text-sm">
              <legend className="text-sm font-medium">Limit</legend>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="mode" value="default" defaultChecked={user.rateLimit === null} /> Default ({DEFAULT_RATE_LIMIT}
                /min)
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="mode" value="custom" defaultChecked={user.rateLimit !== null} /> Custom
              </label>
              <FieldError fieldId={`${id}-mode`} messages={errors.mode} />
            </fieldset>
            <TextField
              id={`${id}-rate`}
              name="rateLimit"
              type="number"
              inputMode="numeric"
              min={MIN_RATE_LIMIT}
              max={MAX_RATE_LIMIT}
              label="Requests per minute"
              hint={`Used with Custom: ${MIN_RATE_LIMIT} to ${MAX_RATE_LIMIT}.`}
              defaultValue={user.rateLimit ?? ""}
              errors={errors.rateLimit}
            />
          </>
        )}
      </ActionDialog>

      {user.active ? (
        <ActionDialog
          trigger="Deactivate"
          icon={UserX}
          title={`Deactivate ${user.username}?`}
          description="The user becomes inactive: the API refuses its tokens, saying the user is inactive. Activating it later revokes them; it then needs a new token."
          submitLabel="Deactivate"
          danger
          sudo
          action={actions.deactivateApiUser}
          success={`${user.username} deactivated`}
          hidden={hidden}
        />
      ) : (
        <ActionDialog
          trigger="Activate"
          icon={UserCheck}
          title={`Activate ${user.username}?`}
          description="Its old tokens are revoked now; generate a new one after activating."
          submitLabel="Activate"
          action={actions.activateApiUser}
          success={`${user.username} activated: generate a new token for it`}
          hidden={hidden}
        />
      )}

      <ActionDialog
        trigger="Delete"
        icon={Trash2}
        triggerClassName="btn text-red-700"
        title={`Delete ${user.username}?`}
        description="The user disappears and all its tokens are revoked for good."
        submitLabel="Delete API user"
        danger
        sudo
        action={actions.deleteApiUser}
        success={`${user.username} deleted`}
        hidden={hidden}
        afterSuccess={listPath}
      />
    </div>
  );
}

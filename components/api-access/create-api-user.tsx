"use client";

import { Plus } from "lucide-react";
import { API_PASSWORD_HINT, USERNAME_HINT, type EnvironmentChoice } from "@/lib/api-users/rules";
import { TextField } from "@/components/form-field";
import { ActionDialog } from "./action-dialog";
import { EnvironmentField, ExpiryField, PermissionFields } from "./fields";
import type { PermissionHints } from "@/lib/credentials/permissions";
import type { ApiAccessActions } from "./types";

export function CreateApiUser({
  scope,
  scopeLabel,
  action,
  permissionHints,
  environment,
}: {
  scope: string;
  scopeLabel: string;
  action: ApiAccessActions["createApiUser"];
  permissionHints: PermissionHints;
  /** The dashboard's mode: the first token's environment unless changed. */
  environment: EnvironmentChoice;
}) {
  return (
    <ActionDialog
      trigger="New API User / Client"
      icon={Plus}
      triggerClassName="btn-primary"
      title="New API user"
      description={`For ${scopeLabel}. Its first token is issued at once and shown one time.`}
      submitLabel="Create"
      action={action}
      success={({ username }) => `API user ${username} created: copy its token now`}
      hidden={{ scope }}
    >
      {({ id, errors }) => (
        <>
          <TextField
            id={`${id}-username`}
            name="username"
            label="Username"
            required
            autoComplete="off"
            spellCheck={false}
            hint={USERNAME_HINT}
            errors={errors.username}
          />
          <TextField
            id={`${id}-password`}
            name="password"
            type="password"
            label="Password"
            required
            autoComplete="new-password"
            hint={`${API_PASSWORD_HINT} Used with POST /v1/auth/token.`}
            errors={errors.password}
          />
          <TextField id={`${id}-email`} name="email" type="email" label="Email (optional)" autoComplete="off" errors={errors.email} />
          <PermissionFields id={id} errors={errors} hints={permissionHints} />
          <TextField
            id={`${id}-token-name`}
            name="tokenName"
            label="Name of the first token (optional)"
            autoComplete="off"
            hint="For your own reference, for example: ERP production"
            errors={errors.tokenName}
          />
          <EnvironmentField id={id} errors={errors} legend="Environment of the first token" selected={environment} />
          <ExpiryField id={id} errors={errors} legend="The first token expires" />
        </>
      )}
    </ActionDialog>
  );
}

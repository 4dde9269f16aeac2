"use client";

import { Ban, CircleX, KeyRound, Pencil, Power, RotateCw, ShieldX } from "lucide-react";
import { DEFAULT_OVERLAP, OVERLAP_CHOICES, OVERLAPS, type EnvironmentChoice } from "@/lib/api-users/rules";
import { FieldError, TextField } from "@/components/form-field";
import { ActionDialog } from "./action-dialog";
import { EnvironmentField, ExpiryField } from "./fields";
import type { ApiAccessActions } from "./types";

interface TokenProps {
  scope: string;
  token: { id: string; hint: string; name: string | null };
  actions: ApiAccessActions;
}

export function RenameToken({ scope, token, actions }: TokenProps) {
  return (
    <ActionDialog
      trigger="Rename"
      icon={Pencil}
      title={`Rename token ${token.hint}`}
      submitLabel="Save name"
      action={actions.renameToken}
      success={`Token ${token.hint} renamed`}
      hidden={{ scope, tokenId: token.id }}
    >
      {({ id, errors }) => (
        <TextField
          id={`${id}-name`}
          name="name"
          label="Token name"
          autoComplete="off"
          defaultValue={token.name ?? ""}
          hint="Blank for no name."
          errors={errors.name}
        />
      )}
    </ActionDialog>
  );
}

/**
 * A yes-or-no question about one token, worded the same way for each change of its state:
 * "Disable token 1a2b?", "Disable token", "Token 1a2b disabled".
 */
function TokenStateDialog({
  verb,
  done,
  token,
  ...props
}: Omit<React.ComponentProps<typeof ActionDialog<void>>, "trigger" | "title" | "submitLabel" | "success"> & {
  verb: string;
  done: string;
  token: TokenProps["token"];
}) {
  return (
    <ActionDialog
      trigger={verb}
      title={`${verb} token ${token.hint}?`}
      submitLabel={`${verb} token`}
      success={`Token ${token.hint} ${done}`}
      {...props}
    />
  );
}

/** Disable / enable, rotate and revoke one token that still works (or is disabled). */
export function TokenActions({ scope, token, actions, disabled }: TokenProps & { disabled: boolean }) {
  const hidden = { scope, tokenId: token.id };
  return (
    <>
      {disabled ? (
        <TokenStateDialog
          verb="Enable"
          done="enabled"
          icon={Power}
          token={token}
          description="The same token string works again from its next request."
          action={actions.enableToken}
          hidden={hidden}
        />
      ) : (
        <TokenStateDialog
          verb="Disable"
          done="disabled"
          icon={Ban}
          token={token}
          description="The API refuses it (403 token_disabled) from its next request until you enable it again. The token string stays the same."
          danger
          sudo
          action={actions.disableToken}
          hidden={hidden}
        />
      )}
      <ActionDialog
        trigger="Rotate"
        icon={RotateCw}
        title={`Rotate token ${token.hint}`}
        description="A new token is shown one time. Choose when the old one stops working."
        submitLabel="Rotate token"
        sudo
        action={actions.rotateToken}
        success={`Token ${token.hint} rotated: copy the new one now`}
        hidden={hidden}
      >
        {({ id, errors }) => (
          <>
            <fieldset className="space-y-2 text-sm">
              <legend className="text-sm font-medium">The old token stops</legend>
              {OVERLAP_CHOICES.map((overlap) => (
                <label key={overlap} className="flex items-center gap-1.5">
                  <input type="radio" name="overlap" value={overlap} defaultChecked={overlap === DEFAULT_OVERLAP} />{" "}
                  {OVERLAPS[overlap].label}
                </label>
              ))}
              <FieldError fieldId={`${id}-overlap`} messages={errors.overlap} />
            </fieldset>
            <ExpiryField id={id} errors={errors} legend="The new token expires" />
          </>
        )}
      </ActionDialog>
      <TokenStateDialog
        verb="Revoke"
        done="revoked"
        icon={CircleX}
        token={token}
        description="It stops working on its next request, for good."
        danger
        sudo
        action={actions.revokeToken}
        hidden={hidden}
      />
    </>
  );
}

/** Generate a token (named, in the dashboard's mode by default) and revoke them all. */
export function TokenToolbar({
  scope,
  user,
  actions,
  environment,
}: {
  scope: string;
  user: { id: string; username: string; active: boolean };
  actions: ApiAccessActions;
  environment: EnvironmentChoice;
}) {
  const hidden = { scope, apiUserId: user.id };
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={`Tokens of ${user.username}`}>
      {user.active && (
        <ActionDialog
          trigger="Generate token"
          icon={KeyRound}
          triggerClassName="btn-primary"
          title={`New token for ${user.username}`}
          description="The token is shown one time."
          submitLabel="Generate"
          action={actions.issueToken}
          success={`New token for ${user.username}: copy it now`}
          hidden={hidden}
        >
          {({ id, errors }) => (
            <>
              <TextField
                id={`${id}-name`}
                name="name"
                label="Token name (optional)"
                autoComplete="off"
                hint="For example: warehouse server"
                errors={errors.name}
              />
              <EnvironmentField id={id} errors={errors} selected={environment} />
              <ExpiryField id={id} errors={errors} />
            </>
          )}
        </ActionDialog>
      )}
      <ActionDialog
        trigger="Revoke all tokens"
        icon={ShieldX}
        title={`Revoke all tokens of ${user.username}?`}
        description="Every token of this user, live and test, stops working on its next request."
        submitLabel="Revoke all tokens"
        danger
        sudo
        action={actions.revokeAllTokens}
        success={({ revoked }) => (revoked === 1 ? "1 token revoked" : `${revoked} tokens revoked`)}
        hidden={hidden}
      />
    </div>
  );
}

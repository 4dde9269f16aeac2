"use client";

import { DEFAULT_OVERLAP, OVERLAP_CHOICES, OVERLAPS } from "@/lib/api-users/rules";
import { FieldError } from "@/components/form-field";
import { ActionDialog } from "./action-dialog";
import type { ApiAccessActions } from "./types";

export function TokenActions({ scope, token, actions }: { scope: string; token: { id: string; hint: string }; actions: ApiAccessActions }) {
  const hidden = { scope, tokenId: token.id };
  return (
    <div className="flex justify-end gap-2">
      <ActionDialog
        trigger="Rotate"
        title={`Rotate token ${token.hint}`}
        description="A new token is shown one time. Choose when the old one stops working."
        submitLabel="Rotate token"
        action={actions.rotateToken}
        hidden={hidden}
      >
        {({ id, errors }) => (
          <fieldset className="space-y-2 text-sm">
            <legend className="text-sm font-medium">The old token stops</legend>
            {OVERLAP_CHOICES.map((overlap) => (
              <label key={overlap} className="flex items-center gap-1.5">
                <input type="radio" name="overlap" value={overlap} defaultChecked={overlap === DEFAULT_OVERLAP} /> {OVERLAPS[overlap].label}
              </label>
            ))}
            <FieldError fieldId={`${id}-overlap`} messages={errors.overlap} />
          </fieldset>
        )}
      </ActionDialog>
      <ActionDialog
        trigger="Revoke"
        title={`Revoke token ${token.hint}?`}
        description="It stops working on its next request."
        submitLabel="Revoke token"
        danger
        action={actions.revokeToken}
        hidden={hidden}
      />
    </div>
  );
}

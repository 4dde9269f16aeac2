"use client";

import { useState } from "react";
import type { Role } from "@prisma/client";
import { toast } from "sonner";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { FormAction } from "@/components/carrier-auths/types";
import { Modal } from "@/components/modal";
import { useFormAction } from "./use-form-action";

/** A member's role, changeable in place by those who may. */
export function RoleForm({
  memberId,
  email,
  role,
  roles,
  action,
}: {
  memberId: string;
  email: string;
  role: Role;
  roles: Role[];
  action: FormAction<{ changed: boolean }>;
}) {
  const { submit, pending } = useFormAction(action, (data) => {
    if (data.changed) toast.success(`Role of ${email} changed.`);
  });
  return (
    <form onSubmit={submit} className="flex items-center gap-2">
      <input type="hidden" name="memberId" value={memberId} />
      <select name="role" defaultValue={role} aria-label={`Role of ${email}`} className="input mt-0 w-36 py-1">
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" className="btn px-2 py-1 text-xs" disabled={pending} aria-label={`Save role of ${email}`}>
        Save
      </button>
    </form>
  );
}

/** Remove after a confirmation; their open sessions end at their next request. */
export function RemoveMember({ memberId, email, action }: { memberId: string; email: string; action: FormAction<void> }) {
  const [open, setOpen] = useState(false);
  const { submit, pending } = useFormAction(action, () => {
    setOpen(false);
    toast.success(`${email} was removed from the team.`);
  });
  return (
    <>
      <button type="button" className="btn px-2 py-1 text-xs" onClick={() => setOpen(true)} aria-label={`Remove ${email}`}>
        Remove
      </button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Remove ${email}?`}
        description="They are signed out at once and can no longer sign in."
      >
        <form onSubmit={submit} className="flex justify-end gap-2">
          <input type="hidden" name="memberId" value={memberId} />
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="btn-danger" disabled={pending}>
            Remove member
          </button>
        </form>
      </Modal>
    </>
  );
}

export function RevokeInvitation({ invitationId, email, action }: { invitationId: string; email: string; action: FormAction<void> }) {
  const { submit, pending } = useFormAction(action, () => toast.success(`Invitation for ${email} revoked.`));
  return (
    <form onSubmit={submit}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <button type="submit" className="btn px-2 py-1 text-xs" disabled={pending} aria-label={`Revoke invitation for ${email}`}>
        Revoke
      </button>
    </form>
  );
}

/** Owner only: require two-factor sign-in of every member. */
export function RequireTwoFactor({ required, action }: { required: boolean; action: FormAction<void> }) {
  const { submit, pending } = useFormAction(action, () =>
    toast.success(required ? "Two-factor sign-in is optional again." : "Two-factor sign-in is now required for every member."),
  );
  return (
    <form onSubmit={submit}>
      <input type="hidden" name="required" value={required ? "off" : "on"} />
      <button type="submit" className={required ? "btn" : "btn-primary"} disabled={pending}>
        {required ? "Make two-factor optional" : "Require two-factor for everyone"}
      </button>
    </form>
  );
}

"use client";

import { useId, useState } from "react";
import type { Role } from "@prisma/client";
import { toast } from "sonner";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { MailOutcome } from "@/lib/mail/outcome";
import { INVITATION_DAYS } from "@/lib/team/rules";
import type { FormAction } from "@/components/carrier-auths/types";
import { CopyButton } from "@/components/copy-button";
import { FieldError, TextField } from "@/components/form-field";
import { Modal } from "@/components/modal";
import { useFormAction } from "./use-form-action";

type Invited = { path: string; email: string; role: Role; expiresAt: string; mail: MailOutcome };

const SHOWN_ONCE = `It is shown only now, works once and expires in ${INVITATION_DAYS} days.`;

/** What the dialog says of the link, by what became of its e-mail. */
function linkNote({ email, mail }: Invited): string {
  if (mail === "sent") return `We e-mailed this link to ${email}. ${SHOWN_ONCE}`;
  if (mail === "failed") return `The e-mail to ${email} could not be sent: send this link yourself. ${SHOWN_ONCE}`;
  return `Send this link to ${email}. ${SHOWN_ONCE}`;
}

/** Invite by e-mail and role; the link is shown once, in this dialog, and dropped when it closes. */
export function InviteMember({ roles, action }: { roles: Role[]; action: FormAction<Invited> }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [invited, setInvited] = useState<(Invited & { url: string }) | null>(null);
  const { submit, pending, fieldErrors, reset } = useFormAction(action, (data) => {
    setInvited({ ...data, url: `${window.location.origin}${data.path}` });
    if (data.mail === "failed") toast.warning(`Invitation for ${data.email} created, but the e-mail could not be sent.`);
    else toast.success(data.mail === "sent" ? `Invitation e-mailed to ${data.email}.` : `Invitation for ${data.email} created.`);
  });
  function close() {
    setOpen(false);
    setInvited(null);
    reset();
  }
  return (
    <>
      <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
        Invite member
      </button>
      <Modal
        open={open}
        onClose={close}
        title={invited ? "Invitation link" : "Invite a member"}
        description={invited ? linkNote(invited) : "They choose their name and password when they open the link."}
      >
        {invited ? (
          <div className="space-y-4">
            <label htmlFor={`${id}-link`} className="block text-sm font-medium">
              Link for {invited.email} ({ROLE_LABELS[invited.role]})
            </label>
            <input
              id={`${id}-link`}
              readOnly
              value={invited.url}
              className="input font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className="flex justify-end gap-2">
              <CopyButton value={invited.url} label="Copy link" />
              <button type="button" className="btn-primary" onClick={close}>
                Done
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} noValidate className="space-y-4">
            <TextField id={`${id}-email`} name="email" type="email" label="E-mail" autoComplete="off" required errors={fieldErrors.email} />
            <div>
              <label htmlFor={`${id}-role`} className="block text-sm font-medium">
                Role
              </label>
              <select id={`${id}-role`} name="role" className="input mt-1" defaultValue="DEVELOPER">
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
              <FieldError fieldId={`${id}-role`} messages={fieldErrors.role} />
            </div>
            <div className="flex justify-end gap-2">
              <button type="button" className="btn" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="btn-primary" disabled={pending}>
                {pending ? "Creating…" : "Create invitation link"}
              </button>
            </div>
          </form>
        )}
      </Modal>
    </>
  );
}

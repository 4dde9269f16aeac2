import "server-only";
import type { Role } from "@prisma/client";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { sendMail, type MailOutcome } from "@/lib/mail";
import { env } from "@/lib/server/env";
import { INVITATION_DAYS } from "./rules";

export interface InvitationMail {
  email: string;
  role: Role;
  /** The accept page's path, with the token (lib/team/invitations.ts invitationPath). */
  path: string;
  tenantName: string;
  inviterEmail: string;
}

/**
 * The invitation e-mailed to its address when SMTP_URL is set. The link is built on
 * NEXTAUTH_URL (required with SMTP_URL), never on the request's Host, which a caller controls.
 */
export async function mailInvitation(invite: InvitationMail): Promise<MailOutcome> {
  const { SMTP_URL, NEXTAUTH_URL } = env();
  if (!SMTP_URL || !NEXTAUTH_URL) return "off";
  const link = new URL(invite.path, NEXTAUTH_URL).toString();
  return sendMail({
    to: invite.email,
    subject: `You are invited to ${invite.tenantName} on Courier Console`,
    text: [
      `${invite.inviterEmail} invites you to join ${invite.tenantName} on Courier Console as ${ROLE_LABELS[invite.role]}.`,
      "",
      "Open this link to choose your name and password:",
      link,
      "",
      `The link works once and expires in ${INVITATION_DAYS} days. If you did not expect this, ignore this e-mail.`,
    ].join("\n"),
  });
}

"use server";

import { memberAction, type ActionContext } from "@/lib/auth/member-action";
import { mailInvitation } from "@/lib/team/invitation-mail";
import { createInvitation, revokeInvitation } from "@/lib/team/invitations";
import { changeRole, removeMember, setRequireTwoFactor, type TeamActor } from "@/lib/team/members";
import { ChangeRoleInput, InvitationRef, InviteInput, MemberRef, RequireTwoFactorInput } from "@/lib/team/rules";

// The Team page's server actions: Owners and Admins ("settings"); lib/team applies the
// finer rules (Owners by Owners only, the last Owner stays) inside its transactions.

function who(ctx: ActionContext<unknown>): { scope: { tenantId: string }; actor: TeamActor } {
  return {
    scope: { tenantId: ctx.member.tenantId },
    actor: { memberId: ctx.member.id, role: ctx.member.role, email: ctx.member.email, ip: ctx.ip },
  };
}

const shownOn = ["/team", "/activity"];

/**
 * The link's path goes to the inviter's dialog once (the page never renders it), and to the
 * invited address when e-mail is set up; the dialog says which, so a failed mail is sent by hand.
 */
export const inviteMember = memberAction({ ability: "settings", schema: InviteInput, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  const { invitation, path } = await createInvitation(scope, actor, ctx.input);
  const mail = await mailInvitation({
    email: invitation.email,
    role: invitation.role,
    path,
    tenantName: ctx.member.tenant.name,
    inviterEmail: ctx.member.email,
  });
  return { path, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString(), mail };
});

export const revokeMemberInvitation = memberAction({ ability: "settings", schema: InvitationRef, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  await revokeInvitation(scope, actor, ctx.input);
});

export const changeMemberRole = memberAction({ ability: "settings", schema: ChangeRoleInput, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  return changeRole(scope, actor, ctx.input);
});

export const removeTeamMember = memberAction({ ability: "settings", schema: MemberRef, revalidate: shownOn }, async (ctx) => {
  const { scope, actor } = who(ctx);
  await removeMember(scope, actor, ctx.input);
});

export const requireTeamTwoFactor = memberAction(
  { ability: "settings", schema: RequireTwoFactorInput, revalidate: shownOn },
  async (ctx) => {
    const { scope, actor } = who(ctx);
    await setRequireTwoFactor(scope, actor, ctx.input.required === "on");
  },
);

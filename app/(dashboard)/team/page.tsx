import type { Metadata } from "next";
import type { Role } from "@prisma/client";
import { requireMember } from "@/lib/auth/member";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import { listPendingInvitations } from "@/lib/team/invitations";
import { listMembers } from "@/lib/team/members";
import { mayAssign, ROLE_VALUES } from "@/lib/team/rules";
import { PageHeader } from "@/components/page-header";
import { InviteMember } from "@/components/team/invite-member";
import { RemoveMember, RequireTwoFactor, RevokeInvitation, RoleForm } from "@/components/team/member-controls";
import { changeMemberRole, inviteMember, removeTeamMember, requireTeamTwoFactor, revokeMemberInvitation } from "./actions";

export const metadata: Metadata = { title: "Team" };

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "Never");

/** A cell's column name, shown only where the table stacks into cards (below md). */
function Label({ children }: { children: string }) {
  return <span className="mr-1 text-slate-500 md:hidden">{children}:</span>;
}

export default async function TeamPage() {
  const member = await requireMember();
  const manage = can(member.role, "settings");
  const [members, invitations] = await Promise.all([listMembers(member), manage ? listPendingInvitations(member) : Promise.resolve([])]);
  // The roles this member may hand out (an Admin never makes an Owner).
  const grantable: Role[] = ROLE_VALUES.filter((role) => mayAssign(member.role, undefined, role));

  return (
    <>
      <PageHeader
        title="Team"
        description={
          manage
            ? "Who can sign in to this dashboard. Owners and Admins invite, change roles and remove; only an Owner makes or removes an Owner."
            : "Who can sign in to this dashboard. Only Owners and Admins change the team."
        }
        actions={manage && <InviteMember roles={grantable} action={inviteMember} />}
      />

      <section aria-labelledby="members-heading" className="card overflow-x-auto p-6">
        <h2 id="members-heading" className="font-medium">
          Members
        </h2>
        <table className="mt-4 w-full text-left text-sm">
          <thead className="hidden text-slate-500 md:table-header-group">
            <tr>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">E-mail</th>
              <th className="py-2 pr-4 font-medium">Role</th>
              <th className="py-2 pr-4 font-medium">Two-factor</th>
              <th className="py-2 pr-4 font-medium">Last sign-in</th>
              {manage && (
                <th className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 md:table-row-group">
            {members.map((m) => {
              const editable = manage && mayAssign(member.role, m.role, m.role);
              return (
                <tr key={m.id} className="block py-2 md:table-row md:py-0">
                  <td className="block py-1 pr-4 md:table-cell md:py-2">
                    {m.name}
                    {m.id === member.id && <span className="ml-1 text-slate-500">(you)</span>}
                  </td>
                  <td className="block py-1 pr-4 break-all text-slate-600 md:table-cell md:py-2 md:text-inherit">{m.email}</td>
                  <td className="block py-1 pr-4 md:table-cell md:py-2">
                    {editable ? (
                      <RoleForm memberId={m.id} email={m.email} role={m.role} roles={grantable} action={changeMemberRole} />
                    ) : (
                      ROLE_LABELS[m.role]
                    )}
                  </td>
                  <td className="block py-1 pr-4 md:table-cell md:py-2">
                    <Label>Two-factor</Label>
                    {m.twoFactor ? "On" : "Off"}
                  </td>
                  <td className="block py-1 pr-4 md:table-cell md:py-2 whitespace-nowrap">
                    <Label>Last sign-in</Label>
                    {when(m.lastSignInAt)}
                  </td>
                  {manage && (
                    <td className="block py-1 md:table-cell md:py-2 md:text-right">
                      {editable && m.id !== member.id && <RemoveMember memberId={m.id} email={m.email} action={removeTeamMember} />}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {manage && (
        <section aria-labelledby="invitations-heading" className="card mt-6 overflow-x-auto p-6">
          <h2 id="invitations-heading" className="font-medium">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">None. An invitation link works once and expires after 7 days.</p>
          ) : (
            <table className="mt-4 w-full text-left text-sm">
              <thead className="hidden text-slate-500 md:table-header-group">
                <tr>
                  <th className="py-2 pr-4 font-medium">E-mail</th>
                  <th className="py-2 pr-4 font-medium">Role</th>
                  <th className="py-2 pr-4 font-medium">Expires</th>
                  <th className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="block divide-y divide-slate-100 md:table-row-group">
                {invitations.map((invitation) => (
                  <tr key={invitation.id} className="block py-2 md:table-row md:py-0">
                    <td className="block py-1 pr-4 break-all text-slate-600 md:table-cell md:py-2 md:text-inherit">{invitation.email}</td>
                    <td className="block py-1 pr-4 md:table-cell md:py-2">{ROLE_LABELS[invitation.role]}</td>
                    <td className="block py-1 pr-4 md:table-cell md:py-2 whitespace-nowrap">
                      <Label>Expires</Label>
                      {when(invitation.expiresAt)}
                    </td>
                    <td className="block py-1 md:table-cell md:py-2 md:text-right">
                      {mayAssign(member.role, undefined, invitation.role) && (
                        <RevokeInvitation invitationId={invitation.id} email={invitation.email} action={revokeMemberInvitation} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section aria-labelledby="team-2fa-heading" className="card mt-6 p-6">
        <h2 id="team-2fa-heading" className="font-medium">
          Two-factor sign-in
        </h2>
        <p className="mt-2 text-sm text-slate-500">
          {member.tenant.requireTwoFactor
            ? "Required: a member without it is sent to set it up before anything else."
            : "Optional: each member turns it on from their account page."}
        </p>
        {member.role === "OWNER" && (
          <div className="mt-4">
            <RequireTwoFactor required={member.tenant.requireTwoFactor} action={requireTeamTwoFactor} />
          </div>
        )}
      </section>
    </>
  );
}

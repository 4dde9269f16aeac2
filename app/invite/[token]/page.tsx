import type { Metadata } from "next";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { pendingInvitation } from "@/lib/team/invitations";
import { AcceptInvitationForm } from "@/components/team/accept-invitation-form";
import { acceptTeamInvitation } from "./actions";

export const metadata: Metadata = { title: "Join the team" };
export const dynamic = "force-dynamic";

/** Public, outside the dashboard: the link's token is what admits. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await pendingInvitation(token) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Courier Console</h1>
        {invitation ? (
          <>
            <p className="mt-1 text-sm text-slate-500">
              Join <strong>{invitation.tenant.name}</strong> as {ROLE_LABELS[invitation.role]} with {invitation.email}.
            </p>
            <AcceptInvitationForm token={token} email={invitation.email} action={acceptTeamInvitation} />
          </>
        ) : (
          <p role="status" className="mt-4 text-sm text-slate-700">
            This invitation link does not work: it was already used, revoked, or has expired. Ask whoever invited you for a new one.
          </p>
        )}
      </div>
    </main>
  );
}

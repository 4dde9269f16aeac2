import type { Metadata } from "next";
import { environmentChoice, environmentLabel } from "@/lib/api-users/rules";
import { listUserTokens } from "@/lib/api-users/user-page";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { TokenTable } from "@/components/api-access/token-table";
import { TokenToolbar } from "@/components/api-access/token-actions";
import { apiAccessActionsFor } from "@/app/(dashboard)/_api-access/controls";
import { pageApiUser } from "../user";

export const metadata: Metadata = { title: "Keys & tokens" };
export const dynamic = "force-dynamic";

/** Keys & tokens: the user's tokens of the dashboard's environment (Test / Live switch). */
export default async function ApiUserTokens({ params }: { params: Promise<{ id: string }> }) {
  const { member, user, scope } = await pageApiUser((await params).id);
  const environment = await dashboardEnvironment(member);
  const tokens = await listUserTokens(member.tenantId, user.id, environment);
  const actions = apiAccessActionsFor(member);
  return (
    <section aria-labelledby="user-tokens" className="card p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="user-tokens" className="font-medium">
            {environmentLabel(environment)} tokens
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            A token is shown once, when it is made; here only its hint remains. Switch Test / Live in the header for the other
            environment&apos;s tokens.
          </p>
        </div>
        {actions && <TokenToolbar scope={scope} user={user} actions={actions} environment={environmentChoice(environment)} />}
      </div>
      {!user.active && (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          This user is inactive: the API refuses its tokens. Activating it revokes them; it then needs a new token.
        </p>
      )}
      <TokenTable
        tokens={tokens}
        scope={scope}
        userActive={user.active}
        actions={actions}
        label={`${environmentLabel(environment)} tokens of ${user.username}`}
      />
    </section>
  );
}

import type { ApiUserListItem } from "@/lib/api-users/queries";
import { permissionHints } from "@/lib/api/operations";
import { ClientId } from "@/components/client-id";
import { ActivityTable, type ActivityRow } from "./activity-table";
import { ApiUserCard } from "./api-user-card";
import { CreateApiUser } from "./create-api-user";
import { TokenRevealProvider } from "./token-reveal";
import type { ApiAccessActions } from "./types";

/**
 * The API Access block shared by Settings → API and a customer's page: Client ID, the
 * scope's API users with their tokens, and its recent activity. `actions` is null for a
 * role that may only read: then no mutating control is rendered at all.
 */
export function ApiAccessSection({
  clientId,
  scope,
  scopeLabel,
  users,
  activity,
  actions,
}: {
  clientId: string;
  /** The customer id, or "" for the tenant-wide users. */
  scope: string;
  scopeLabel: string;
  users: ApiUserListItem[];
  activity: ActivityRow[];
  actions: ApiAccessActions | null;
}) {
  // What each permission opens, from the operation catalogue: computed here on the server.
  const hints = permissionHints();
  return (
    <TokenRevealProvider>
      <ClientId value={clientId} />
      <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
        <h3 className="font-medium">API users</h3>
        {actions && <CreateApiUser scope={scope} scopeLabel={scopeLabel} action={actions.createApiUser} permissionHints={hints} />}
      </div>
      <div className="mt-3 space-y-4">
        {users.map((user) => (
          <ApiUserCard key={user.id} user={user} scope={scope} actions={actions} permissionHints={hints} />
        ))}
        {users.length === 0 && <p className="text-sm text-slate-500">No API users yet.</p>}
      </div>
      <h3 className="mt-8 mb-2 font-medium">Recent Activity</h3>
      <ActivityTable events={activity} label="Recent activity" />
    </TokenRevealProvider>
  );
}

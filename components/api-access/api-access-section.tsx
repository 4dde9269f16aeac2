import type { ApiUserPage } from "@/lib/api-users/list";
import type { ApiUserListQueryInput, EnvironmentChoice } from "@/lib/api-users/rules";
import { permissionHints } from "@/lib/api/operations";
import { ClientId } from "@/components/client-id";
import { ActivityTable, type ActivityRow } from "./activity-table";
import { ApiUserList } from "./api-user-list";
import { CreateApiUser } from "./create-api-user";
import { TokenRevealProvider } from "./token-reveal";
import type { ApiAccessActions } from "./types";

/**
 * The API Access block shared by Settings → API and a customer's page: Client ID, the
 * scope's API users as a searchable, paged table (each opens its page), and its recent
 * activity. `actions` is null for a role that may only read: then no create button.
 */
export function ApiAccessSection({
  clientId,
  scope,
  scopeLabel,
  page,
  query,
  basePath,
  activity,
  actions,
  environment,
}: {
  clientId: string;
  /** The customer id, or "" for the tenant-wide users. */
  scope: string;
  scopeLabel: string;
  page: ApiUserPage;
  query: ApiUserListQueryInput;
  basePath: string;
  activity: ActivityRow[];
  actions: ApiAccessActions | null;
  environment: EnvironmentChoice;
}) {
  return (
    <TokenRevealProvider>
      <ClientId value={clientId} />
      <div className="mt-6 mb-3 flex flex-wrap items-center justify-between gap-3">
        <h3 className="font-medium">API users</h3>
        {actions && (
          <CreateApiUser
            scope={scope}
            scopeLabel={scopeLabel}
            action={actions.createApiUser}
            permissionHints={permissionHints()}
            environment={environment}
          />
        )}
      </div>
      <ApiUserList page={page} query={query} basePath={basePath} scopeName={scope === "" ? "Tenant-wide" : scopeLabel} />
      <h3 className="mt-8 mb-2 font-medium">Recent Activity</h3>
      <ActivityTable events={activity} label="Recent activity" />
    </TokenRevealProvider>
  );
}

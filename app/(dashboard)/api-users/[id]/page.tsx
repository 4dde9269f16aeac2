import { permissionHints } from "@/lib/api/operations";
import { DEFAULT_RATE_LIMIT } from "@/lib/api-users/rules";
import { PERMISSIONS } from "@/lib/credentials/permissions";
import { ClientId } from "@/components/client-id";
import { UserActions } from "@/components/api-access/user-actions";
import { IpAllowlist } from "@/components/api-access/ip-allowlist";
import { apiAccessActionsFor } from "@/app/(dashboard)/_api-access/controls";
import { pageApiUser } from "./user";
import { Time } from "@/components/time";

export const dynamic = "force-dynamic";

/** Overview: status, scope and Client ID, permissions with what each opens, limits, use, actions. */
export default async function ApiUserOverview({ params }: { params: Promise<{ id: string }> }) {
  const { member, user, scope, listPath } = await pageApiUser((await params).id);
  const actions = apiAccessActionsFor(member);
  // What each permission opens, from the operation catalogue: computed here on the server.
  const hints = permissionHints();
  return (
    <div className="space-y-6">
      <section aria-labelledby="user-details" className="card p-6">
        <h2 id="user-details" className="mb-4 font-medium">
          Details
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Status</dt>
          <dd>{user.active ? "Active" : "Inactive: the API refuses its tokens (403 api_user_inactive)"}</dd>
          <dt className="text-slate-500">E-mail</dt>
          <dd className="break-all">{user.email ?? "—"}</dd>
          <dt className="text-slate-500">Scope</dt>
          <dd className="space-y-1">
            <span className="block">{user.customer ? `Customer: ${user.customer.name}` : `Tenant-wide (${user.tenant.name})`}</span>
            <ClientId value={user.customer?.clientId ?? user.tenant.clientId} />
          </dd>
          <dt className="text-slate-500">Rate limit</dt>
          <dd>{user.rateLimit === null ? `${DEFAULT_RATE_LIMIT} requests/min (default)` : `${user.rateLimit} requests/min`}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd>
            <Time date={user.createdAt} />
          </dd>
          <dt className="text-slate-500">Last used</dt>
          <dd>
            {user.lastUse?.lastUsedAt ? (
              <>
                <Time date={user.lastUse.lastUsedAt} />
                {user.lastUse.lastUsedIp && ` from ${user.lastUse.lastUsedIp}`}
              </>
            ) : (
              "Never"
            )}
          </dd>
        </dl>
        {actions && (
          <div className="mt-5">
            <UserActions
              scope={scope}
              user={{ id: user.id, username: user.username, permissions: user.permissions, active: user.active, rateLimit: user.rateLimit }}
              actions={actions}
              permissionHints={hints}
              listPath={listPath}
            />
          </div>
        )}
      </section>
      <IpAllowlist scope={scope} user={user} action={actions?.updateIpAllowlist ?? null} />
      <section aria-labelledby="user-permissions" className="card p-6">
        <h2 id="user-permissions" className="mb-4 font-medium">
          Permissions
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {PERMISSIONS.map((permission) => {
            const held = user.permissions.includes(permission.key);
            return (
              <li
                key={permission.key}
                className={`rounded-md border p-2 text-sm ${held ? "border-green-200 bg-green-50/40" : "border-slate-200 text-slate-400"}`}
              >
                <span className="font-medium">{permission.label}</span> <span className="font-mono text-xs">{permission.key}</span>{" "}
                <span className="text-xs">{held ? "· allowed" : "· not allowed"}</span>
                <span className="block text-xs text-slate-500">{hints[permission.key]?.join(", ")}</span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

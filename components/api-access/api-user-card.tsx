import type { ApiUserListItem } from "@/lib/api-users/queries";
import type { PermissionHints } from "@/lib/credentials/permissions";
import { DEFAULT_RATE_LIMIT, environmentLabel, tokenStatus } from "@/lib/api-users/rules";
import { formatTime } from "./format";
import { TokenActions } from "./token-actions";
import type { ApiAccessActions } from "./types";
import { UserActions } from "./user-actions";

function TokenStatusText({ token, userActive }: { token: ApiUserListItem["tokens"][number]; userActive: boolean }) {
  const status = tokenStatus(token);
  // An inactive user's tokens are refused (and revoked on activation), whatever their own state.
  if (!userActive && (status.kind === "active" || status.kind === "expires"))
    return <span className="text-slate-600">Refused: user inactive</span>;
  switch (status.kind) {
    case "active":
      return <span className="text-green-700">Active</span>;
    case "revoked":
      return <span className="text-red-700">Revoked {formatTime(status.at)}</span>;
    case "expires":
      return <span className="text-amber-700">Active, expires at {formatTime(status.at)}</span>;
    case "expired":
      return <span className="text-red-700">Expired {formatTime(status.at)}</span>;
  }
}

/** One API user, its tokens (hints only) and, for roles that may, its controls. */
export function ApiUserCard({
  user,
  scope,
  actions,
  permissionHints,
}: {
  user: ApiUserListItem;
  scope: string;
  actions: ApiAccessActions | null;
  permissionHints: PermissionHints;
}) {
  const headingId = `api-user-${user.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={headingId} className="font-mono font-semibold">
          {user.username}
        </h3>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Status</dt>
        <dd>
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${user.active ? "bg-green-50 text-green-700" : "bg-slate-100 text-slate-600"}`}
          >
            {user.active ? "Active" : "Inactive"}
          </span>
        </dd>
        <dt className="text-slate-500">Email</dt>
        <dd>{user.email ?? "—"}</dd>
        <dt className="text-slate-500">Scope</dt>
        <dd>{user.customer ? `Customer: ${user.customer.name}` : "Tenant-wide"}</dd>
        <dt className="text-slate-500">Permissions</dt>
        <dd className="font-mono text-xs leading-6">{user.permissions.join(", ") || "none"}</dd>
        <dt className="text-slate-500">Rate limit</dt>
        <dd>{user.rateLimit === null ? `${DEFAULT_RATE_LIMIT}/min (default)` : `${user.rateLimit}/min`}</dd>
        <dt className="text-slate-500">Created</dt>
        <dd>{formatTime(user.createdAt)}</dd>
      </dl>
      {actions && (
        <div className="mt-3">
          <UserActions
            scope={scope}
            user={{ id: user.id, username: user.username, permissions: user.permissions, active: user.active, rateLimit: user.rateLimit }}
            actions={actions}
            permissionHints={permissionHints}
          />
        </div>
      )}
      <div className="mt-4 overflow-x-auto">
        <table aria-label={`Tokens of ${user.username}`} className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Name
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Token
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Environment
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Created
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Last used
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Status
              </th>
              {actions && (
                <th scope="col" className="py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {user.tokens.map((token) => {
              const usable = ["active", "expires"].includes(tokenStatus(token).kind);
              return (
                <tr key={token.id}>
                  <td className="py-1.5 pr-3">{token.name ?? "—"}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{token.hint}</td>
                  <td className="py-1.5 pr-3">{environmentLabel(token.environment)}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">{formatTime(token.createdAt)}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {token.lastUsedAt ? `${formatTime(token.lastUsedAt)}${token.lastUsedIp ? ` from ${token.lastUsedIp}` : ""}` : "Never"}
                  </td>
                  <td className="py-1.5 pr-3">
                    <TokenStatusText token={token} userActive={user.active} />
                  </td>
                  {actions && (
                    <td className="py-1.5">{usable && user.active && <TokenActions scope={scope} token={token} actions={actions} />}</td>
                  )}
                </tr>
              );
            })}
            {user.tokens.length === 0 && (
              <tr>
                <td colSpan={actions ? 7 : 6} className="py-3 text-center text-slate-500">
                  No tokens.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </article>
  );
}

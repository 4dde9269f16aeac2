import { environmentLabel, isExpiringSoon, isTokenGone, tokenStatus, type TokenStatus } from "@/lib/api-users/rules";
import type { UserToken } from "@/lib/api-users/user-page";
import { RenameToken, TokenActions } from "./token-actions";
import type { ApiAccessActions } from "./types";
import { STACK } from "@/components/stacked-table";
import { Time } from "@/components/time";

function StatusText({ status, userActive }: { status: TokenStatus; userActive: boolean }) {
  // An inactive user's tokens are refused (and revoked on activation), whatever their own state.
  if (!userActive && !isTokenGone(status)) return <span className="text-slate-600">Refused: user inactive</span>;
  switch (status.kind) {
    case "active":
      return <span className="text-green-700">Active</span>;
    case "disabled":
      return <Since className="text-amber-700" label="Disabled" at={status.at} />;
    case "revoked":
      return <Since className="text-red-700" label="Revoked" at={status.at} />;
    case "expires":
      return <span className="text-green-700">Active</span>;
    case "expired":
      return <Since className="text-red-700" label="Expired" at={status.at} />;
  }
}

/** When the token stops; one that stops within 7 days is flagged, since nothing extends it: a new token is the way. */
function ExpiryText({ token, status, now }: { token: UserToken; status: TokenStatus; now: Date }) {
  if (status.kind === "revoked" || !token.expiresAt)
    return <span className="text-slate-500">{token.expiresAt ? <Time date={token.expiresAt} /> : "Never"}</span>;
  return (
    <span>
      <Time date={token.expiresAt} />
      {isExpiringSoon(token, now) && <ExpiringSoonBadge />}
    </span>
  );
}

export function ExpiringSoonBadge() {
  return <span className="ml-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Expiring soon</span>;
}

function Since({ className, label, at }: { className: string; label: string; at: Date }) {
  return (
    <span className={className}>
      {label}{" "}
      <span className="block text-xs whitespace-nowrap">
        <Time date={at} />
      </span>
    </span>
  );
}

/**
 * A user's tokens (hints only). Tokens that work or are disabled are listed with their
 * controls; revoked and expired ones fold into a closed "Revoked" group below.
 */
export function TokenTable({
  tokens,
  scope,
  userActive,
  actions,
  label,
  now = new Date(),
}: {
  tokens: UserToken[];
  scope: string;
  userActive: boolean;
  actions: ApiAccessActions | null;
  label: string;
  now?: Date;
}) {
  const rows = tokens.map((token) => ({ token, status: tokenStatus(token, now) }));
  const current = rows.filter((row) => !isTokenGone(row.status));
  const gone = rows.filter((row) => isTokenGone(row.status));
  return (
    <>
      <Table rows={current} scope={scope} userActive={userActive} actions={actions} label={label} empty="No tokens in use." now={now} />
      {gone.length > 0 && (
        <details className="mt-4 rounded-md border border-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-600">Revoked ({gone.length})</summary>
          <div className="border-t border-slate-200 p-2">
            <Table rows={gone} scope={scope} userActive={userActive} actions={actions} label={`${label}, revoked`} empty="" now={now} />
          </div>
        </details>
      )}
    </>
  );
}

function Table({
  rows,
  scope,
  userActive,
  actions,
  label,
  empty,
  now,
}: {
  now: Date;
  rows: { token: UserToken; status: TokenStatus }[];
  scope: string;
  userActive: boolean;
  actions: ApiAccessActions | null;
  label: string;
  empty: string;
}) {
  return (
    // relative: the sr-only "Actions" heading is positioned, and would widen the page past a scrolled table.
    <div className="relative overflow-x-auto">
      <table aria-label={label} className={`w-full text-left text-sm ${STACK.table}`}>
        <thead className={`bg-slate-50 text-slate-500 ${STACK.head}`}>
          <tr>
            {["Name", "Token", "Created", "Last used", "Expires", "Status"].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {heading}
              </th>
            ))}
            {actions && (
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${STACK.body}`}>
          {rows.map(({ token, status }) => (
            <tr key={token.id} className={STACK.row}>
              <td data-label="Name" className={`max-w-56 px-3 py-2 break-words max-sm:max-w-none ${STACK.cell}`}>
                {token.name ?? <span className="text-slate-400">Unnamed</span>}
              </td>
              <td data-label="Token" className={`px-3 py-2 whitespace-nowrap ${STACK.cell}`}>
                <span className="font-mono text-xs">{token.hint}</span>
                <span className="block text-xs text-slate-500">{environmentLabel(token.environment)}</span>
              </td>
              <td data-label="Created" className={`px-3 py-2 whitespace-nowrap ${STACK.cell}`}>
                <Time date={token.createdAt} />
              </td>
              <td data-label="Last used" className={`px-3 py-2 whitespace-nowrap ${STACK.cell}`}>
                {token.lastUsedAt ? <Time date={token.lastUsedAt} /> : "Never"}
                {token.lastUsedIp && <span className="block text-xs text-slate-500">from {token.lastUsedIp}</span>}
              </td>
              <td data-label="Expires" className={`px-3 py-2 whitespace-nowrap ${STACK.cell}`}>
                <ExpiryText token={token} status={status} now={now} />
              </td>
              <td data-label="Status" className={`px-3 py-2 ${STACK.cell}`}>
                <StatusText status={status} userActive={userActive} />
                {token.leakedAt && (
                  <span className="mt-1 block w-fit rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
                    Reported leaked <Time date={token.leakedAt} />
                  </span>
                )}
              </td>
              {actions && (
                <td data-label="Actions" className={`px-3 py-2 ${STACK.cell}`}>
                  <div
                    className="ml-auto flex max-w-md flex-wrap justify-end gap-2 max-sm:ml-0 max-sm:flex-1 max-sm:justify-start"
                    role="group"
                    aria-label={`Manage token ${token.hint}`}
                  >
                    <RenameToken scope={scope} token={token} actions={actions} />
                    {userActive && !isTokenGone(status) && (
                      <TokenActions scope={scope} token={token} actions={actions} disabled={status.kind === "disabled"} />
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
          {rows.length === 0 && empty && (
            <tr>
              <td colSpan={actions ? 7 : 6} className="px-3 py-6 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

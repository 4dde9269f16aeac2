import Link from "next/link";
import type { ApiUserPage } from "@/lib/api-users/list";
import { API_USER_SORTS, API_USER_STATUSES, type ApiUserListQueryInput } from "@/lib/api-users/rules";
import { permissionLabel } from "./activity-details";
import { permissionSummary } from "./permission-summary";
import { Time } from "@/components/time";

/** The list's URL with some of its query changed (a new search starts at the first page). */
function hrefWith(basePath: string, query: ApiUserListQueryInput, change: Partial<ApiUserListQueryInput>): string {
  const next = { ...query, after: undefined, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.status !== "all") params.set("status", next.status);
  if (next.sort !== "last_used") params.set("sort", next.sort);
  if (next.after) params.set("after", next.after);
  const text = params.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/**
 * A scope's API users as a compact table: search (username or e-mail), status filter,
 * sort, and keyset pages (Next page / First page). A plain GET form: it works without
 * script and every state has its URL. Each username opens the user's page. A list holds one
 * scope's users: `scopeName` ("Tenant-wide" or the customer's name) fills their Scope column.
 */
export function ApiUserList({
  page,
  query,
  basePath,
  scopeName,
}: {
  page: ApiUserPage;
  query: ApiUserListQueryInput;
  basePath: string;
  scopeName: string;
}) {
  const filtered = query.q !== "" || query.status !== "all";
  return (
    <div>
      <form method="get" action={basePath} role="search" aria-label="Search API users" className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor="api-user-search" className="block text-sm font-medium">
            Search
          </label>
          <input
            id="api-user-search"
            type="search"
            name="q"
            defaultValue={query.q}
            maxLength={100}
            placeholder="Username or e-mail"
            className="input mt-1"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div>
          <label htmlFor="api-user-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="api-user-status" name="status" defaultValue={query.status} className="input mt-1">
            {Object.entries(API_USER_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="api-user-sort" className="block text-sm font-medium">
            Sort by
          </label>
          <select id="api-user-sort" name="sort" defaultValue={query.sort} className="input mt-1">
            {Object.entries(API_USER_SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          Apply
        </button>
        {filtered && (
          <Link href={hrefWith(basePath, query, { q: "", status: "all" })} className="btn">
            Clear
          </Link>
        )}
      </form>
      <p className="mt-3 text-sm text-slate-500" aria-live="polite">
        {page.total === 1 ? "1 API user" : `${page.total.toLocaleString("en")} API users`}
        {filtered ? " match" : ""}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table aria-label="API users" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Username
              </th>
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                Scope
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                Tokens in use
              </th>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                Last used
              </th>
              <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
                Permissions
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.users.map((user) => (
              <tr key={user.id} className="hover:bg-slate-50">
                <td className="max-w-64 px-3 py-2">
                  <Link href={`/api-users/${user.id}`} className="block truncate font-mono font-medium text-indigo-700 hover:underline">
                    {user.username}
                  </Link>
                  {user.email && <span className="block truncate text-xs text-slate-500">{user.email}</span>}
                </td>
                <td className="hidden max-w-48 truncate px-3 py-2 text-slate-600 sm:table-cell">{scopeName}</td>
                <td className="px-3 py-2">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${user.active ? "bg-green-50 text-green-700" : "bg-slate-100 text-slate-600"}`}
                  >
                    {user.active ? "Active" : "Inactive"}
                  </span>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {user.tokensInUse.LIVE} live · {user.tokensInUse.TEST} test
                  {user.expiringSoon > 0 && (
                    <span className="block text-xs font-medium text-amber-800">{user.expiringSoon} expiring soon</span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                  {user.lastUsedAt ? <Time date={user.lastUsedAt} /> : "Never"}
                </td>
                <td className="hidden px-3 py-2 text-slate-600 md:table-cell" title={user.permissions.map(permissionLabel).join(", ")}>
                  {permissionSummary(user.permissions)}
                </td>
              </tr>
            ))}
            {page.users.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {filtered ? "No API user matches." : "No API users yet."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {(page.next || query.after) && (
        <nav aria-label="API user pages" className="mt-3 flex justify-end gap-2">
          {query.after && (
            <Link href={hrefWith(basePath, query, {})} className="btn">
              First page
            </Link>
          )}
          {page.next && (
            <Link href={hrefWith(basePath, query, { after: page.next })} className="btn">
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

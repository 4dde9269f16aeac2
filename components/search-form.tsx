import Link from "next/link";

/**
 * A list's search (GET, so the query is in the URL and the pager keeps it): one field, Search,
 * and Clear once something was searched for, back to `clearHref`.
 */
export function SearchForm({
  id,
  name,
  label,
  searchLabel,
  value,
  clearHref,
  action,
  className = "",
}: {
  id: string;
  /** The query parameter. */
  name: string;
  /** The field's label ("Name or Client ID"). */
  label: string;
  /** The search landmark's name ("Search customers"). */
  searchLabel: string;
  value: string | undefined;
  clearHref: string;
  /** Where the form goes, when not this page as it is (a fragment to scroll back to). */
  action?: string;
  className?: string;
}) {
  return (
    <form method="get" action={action} role="search" aria-label={searchLabel} className={`flex flex-wrap items-end gap-3 ${className}`}>
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <input id={id} name={name} type="search" defaultValue={value ?? ""} className="input mt-1" maxLength={100} />
      </div>
      <button type="submit" className="btn">
        Search
      </button>
      {value && (
        <Link href={clearHref} className="btn">
          Clear
        </Link>
      )}
    </form>
  );
}

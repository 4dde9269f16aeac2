import Link from "next/link";

/**
 * First / Next links of a keyset-paged list: "First" once past the first page (`first`
 * is null on it), "Next" while there is one (`next` is null on the last page).
 */
export function KeysetPager({ label, first, next }: { label: string; first: string | null; next: string | null }) {
  return (
    <nav aria-label={label} className="mt-4 flex justify-between text-sm">
      {first ? (
        <Link href={first} className="btn">
          First
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={next} className="btn">
          Next
        </Link>
      )}
    </nav>
  );
}

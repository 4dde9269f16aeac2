import { HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** Any dashboard page without a skeleton of its own: a header and a table in a card. */
export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <div className="card overflow-hidden">
        <TableSkeleton rows={6} columns={4} />
      </div>
    </PageSkeleton>
  );
}

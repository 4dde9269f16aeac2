import { FilterSkeleton, HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** Header, the search form, the customer table. */
export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <FilterSkeleton fields={1} card={false} />
      <div className="card overflow-hidden">
        <TableSkeleton rows={8} columns={3} />
      </div>
    </PageSkeleton>
  );
}

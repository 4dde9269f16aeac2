import { FilterSkeleton, HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

// In the (list) group so that it wraps the list only: a customer's page answers 404 for
// another tenant's customer, which a Suspense boundary above it would stream as a 200.
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

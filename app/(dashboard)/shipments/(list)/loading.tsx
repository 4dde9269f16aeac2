import { FilterSkeleton, HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

// In the (list) group so that it wraps the list only: a shipment's own page ([awb]) answers
// 404 for another tenant's AWB, which a Suspense boundary above it would stream as a 200.
export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <FilterSkeleton fields={4} />
      <div className="card overflow-hidden">
        <TableSkeleton rows={10} columns={6} />
      </div>
    </PageSkeleton>
  );
}

import { Bone, FilterSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** Heading, the filter form, the shipment table. */
export default function Loading() {
  return (
    <PageSkeleton>
      <Bone className="h-6 w-56" />
      <Bone className="mt-2 mb-4 w-96 max-w-full" />
      <FilterSkeleton fields={2} />
      <div className="card overflow-hidden">
        <TableSkeleton rows={8} columns={5} />
      </div>
    </PageSkeleton>
  );
}

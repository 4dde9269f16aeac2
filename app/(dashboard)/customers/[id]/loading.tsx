import { ApiAccessSkeleton, Bone, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** The API Access card and the shipments card; the layout above already shows the name. */
export default function Loading() {
  return (
    <PageSkeleton>
      <div className="card p-6">
        <Bone className="w-24" />
        <Bone className="mt-2 mb-4 w-96 max-w-full" />
        <ApiAccessSkeleton />
      </div>
      <div className="card mt-6 p-6">
        <Bone className="w-24" />
        <div className="mt-4">
          <TableSkeleton rows={3} columns={7} />
        </div>
      </div>
    </PageSkeleton>
  );
}

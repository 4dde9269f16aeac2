import { ApiAccessSkeleton, Bone, HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** Breadcrumb, header, the API Access card and the shipments card. */
export default function Loading() {
  return (
    <PageSkeleton>
      <Bone className="mb-2 w-48" />
      <HeaderSkeleton />
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

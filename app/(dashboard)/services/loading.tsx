import { Bone, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** The header's long description, the services table and the rate tables below it. */
export default function Loading() {
  return (
    <PageSkeleton>
      <div className="mb-6">
        <Bone className="h-8 w-64" />
        <Bone className="mt-2 w-full max-w-3xl" />
        <Bone className="mt-1.5 w-2/3 max-w-2xl" />
      </div>
      <div className="card p-6">
        <Bone className="w-20" />
        <div className="mt-4">
          <TableSkeleton rows={4} columns={5} />
        </div>
      </div>
      {[0, 1].map((i) => (
        <div key={i} className="card mt-6 p-6">
          <Bone className="w-40" />
          <div className="mt-4">
            <TableSkeleton rows={3} columns={3} />
          </div>
        </div>
      ))}
    </PageSkeleton>
  );
}

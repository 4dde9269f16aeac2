import { Bone, ClientIdSkeleton, HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

// In the (overview) group so that it wraps "/" only. A loading.tsx at the dashboard's
// root would put every page's layout inside Suspense, and a customer page's notFound()
// would then stream as a 200 instead of a 404; each page brings its own skeleton instead.
export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <div className="card p-6">
        <Bone className="w-16" />
        <Bone className="mt-2 mb-4 w-96 max-w-full" />
        <ClientIdSkeleton />
      </div>
      <div className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card p-5">
            <Bone className="w-24" />
            <Bone className="mt-2 h-9 w-16" />
          </div>
        ))}
      </div>
      <div className="card mt-6 p-6">
        <Bone className="mb-3 w-32" />
        <TableSkeleton rows={5} columns={6} />
      </div>
    </PageSkeleton>
  );
}

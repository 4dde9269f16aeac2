import { Bone, HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

/** Header with the export button, the filter form, the log and its pager. */
export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton action />
      <div className="card mb-4 flex flex-wrap items-end gap-4 p-4">
        {[0, 1].map((i) => (
          <div key={i}>
            <Bone className="w-28" />
            <Bone className="mt-2 h-9 w-56" />
          </div>
        ))}
        <Bone className="h-9 w-16" />
      </div>
      <div className="card overflow-hidden">
        <TableSkeleton rows={10} columns={6} />
      </div>
    </PageSkeleton>
  );
}

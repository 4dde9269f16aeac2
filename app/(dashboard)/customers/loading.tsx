import { HeaderSkeleton, PageSkeleton, TableSkeleton } from "@/components/skeleton";

export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <div className="card overflow-hidden">
        <TableSkeleton rows={4} columns={3} />
      </div>
    </PageSkeleton>
  );
}

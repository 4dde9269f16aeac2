import { ApiAccessSkeleton, Bone, HeaderSkeleton, PageSkeleton } from "@/components/skeleton";

export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <div className="card p-6">
        <Bone className="mb-4 w-40" />
        <ApiAccessSkeleton />
      </div>
    </PageSkeleton>
  );
}

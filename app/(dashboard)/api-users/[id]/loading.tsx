import { Bone, PageSkeleton } from "@/components/skeleton";

// The user's layout (breadcrumb, name, tabs) is already shown: this is the Overview tab's
// Details card and Permissions grid. Each other tab has its own loading.tsx.
export default function Loading() {
  return (
    <PageSkeleton>
      <div className="space-y-6">
        <div className="card p-6">
          <Bone className="mb-4 h-5 w-20" />
          <div className="grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="contents">
                <Bone className="w-20" />
                <Bone className="w-64 max-w-full" />
              </div>
            ))}
          </div>
        </div>
        <div className="card p-6">
          <Bone className="mb-4 h-5 w-28" />
          <div className="grid gap-2 sm:grid-cols-2">
            {Array.from({ length: 10 }, (_, i) => (
              <Bone key={i} className="h-14 w-full" />
            ))}
          </div>
        </div>
      </div>
    </PageSkeleton>
  );
}

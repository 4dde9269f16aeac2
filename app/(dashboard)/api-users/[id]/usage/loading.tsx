import { Bone, PageSkeleton } from "@/components/skeleton";

/** Heading with the Live/Test switch, the four 24-hour figures, the two charts. */
export default function Loading() {
  return (
    <PageSkeleton>
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <Bone className="h-6 w-48" />
            <Bone className="mt-2 w-72 max-w-full" />
          </div>
          <Bone className="h-9 w-28" />
        </div>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="card p-4">
              <Bone className="w-28" />
              <Bone className="mt-2 h-8 w-16" />
              <Bone className="mt-2 h-3 w-24" />
            </div>
          ))}
        </div>
        {[0, 1].map((i) => (
          <div key={i} className="card p-6">
            <Bone className="h-5 w-40" />
            <Bone className="mt-4 h-48 w-full" />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}

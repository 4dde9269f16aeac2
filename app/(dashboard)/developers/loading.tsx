import { Bone, HeaderSkeleton, PageSkeleton } from "@/components/skeleton";

/** Header, the Basics card, the endpoint index, the first endpoint cards. */
export default function Loading() {
  return (
    <PageSkeleton>
      <HeaderSkeleton />
      <div className="card mb-6 space-y-2 p-6">
        <Bone className="h-5 w-20" />
        {[0, 1, 2, 3].map((i) => (
          <Bone key={i} className="w-full max-w-2xl" />
        ))}
      </div>
      <div className="card mb-8 grid gap-2 p-6 sm:grid-cols-2">
        {Array.from({ length: 8 }, (_, i) => (
          <Bone key={i} className="w-64 max-w-full" />
        ))}
      </div>
      {[0, 1].map((i) => (
        <div key={i} className="card mt-4 p-6">
          <Bone className="h-5 w-72 max-w-full" />
          <Bone className="mt-3 w-full max-w-xl" />
          <Bone className="mt-4 h-32 w-full" />
        </div>
      ))}
    </PageSkeleton>
  );
}

import { PageSkeleton, SectionSkeleton, TableSkeleton } from "@/components/skeleton";

/** The tab's card: heading, description, its table. */
export default function Loading() {
  return (
    <PageSkeleton>
      <SectionSkeleton action>
        <TableSkeleton rows={3} columns={6} />
      </SectionSkeleton>
    </PageSkeleton>
  );
}

// Placeholders for loading.tsx files: grey blocks the size of what the page will show, so
// the layout does not jump when the data arrives. Screen readers hear one "Loading…" and
// none of the shapes.

/** The loading state of a whole page: announces itself once, hides the shapes. */
export function PageSkeleton({ label = "Loading…", children }: { label?: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="animate-pulse motion-reduce:animate-none">
        {children}
      </div>
    </div>
  );
}

/** One grey block; give it a width and, for more than a line of text, a height. */
export function Bone({ className = "" }: { className?: string }) {
  return <div className={`h-4 rounded bg-slate-200 ${className}`} />;
}

/** Same size as PageHeader: a title line and, usually, a description line. */
export function HeaderSkeleton({ description = true, action = false }: { description?: boolean; action?: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      {/* min-w-0: a flex item would otherwise grow to its widest bone and widen a phone's page. */}
      <div className="min-w-0 flex-1">
        <Bone className="h-8 w-64 max-w-full" />
        {description && <Bone className="mt-2 w-96 max-w-full" />}
      </div>
      {action && <Bone className="h-8 w-28" />}
    </div>
  );
}

/** A table: a header row and `rows` body rows of `columns` cells. */
export function TableSkeleton({ rows = 5, columns = 4 }: { rows?: number; columns?: number }) {
  const cells = Array.from({ length: columns }, (_, i) => i);
  return (
    <div className="divide-y divide-slate-100">
      <div className="flex gap-4 bg-slate-50 px-3 py-2.5">
        {cells.map((i) => (
          <Bone key={i} className="h-3 flex-1 bg-slate-200/70" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex gap-4 px-3 py-3">
          {cells.map((i) => (
            <Bone key={i} className="flex-1" />
          ))}
        </div>
      ))}
    </div>
  );
}

/** The Client ID line: label, the code, the copy button. */
export function ClientIdSkeleton() {
  return (
    <div className="flex items-center gap-3">
      <Bone className="w-16" />
      <Bone className="h-7 w-32" />
      <Bone className="h-8 w-16" />
    </div>
  );
}

/** The API Access block of Settings → API and a customer's page: Client ID, user cards, activity. */
export function ApiAccessSkeleton() {
  return (
    <>
      <ClientIdSkeleton />
      <div className="mt-6 flex items-center justify-between gap-3">
        <Bone className="w-24" />
        <Bone className="h-9 w-52" />
      </div>
      <div className="mt-3 space-y-4">
        {[0, 1].map((i) => (
          <div key={i} className="rounded-lg border border-slate-200 p-4">
            <Bone className="h-5 w-40" />
            <div className="mt-3 space-y-2">
              <Bone className="w-56" />
              <Bone className="w-72" />
              <Bone className="w-48" />
            </div>
            <div className="mt-4">
              <TableSkeleton rows={1} columns={6} />
            </div>
          </div>
        ))}
      </div>
      <Bone className="mt-8 mb-2 w-32" />
      <TableSkeleton rows={4} columns={6} />
    </>
  );
}

/** A row of filter or search fields: a label and an input each, then the button. */
export function FilterSkeleton({ fields = 2, card = true }: { fields?: number; card?: boolean }) {
  return (
    <div className={`mb-4 flex flex-wrap items-end gap-4 ${card ? "card p-4" : ""}`}>
      {Array.from({ length: fields }, (_, i) => (
        <div key={i} className="w-full sm:w-auto">
          <Bone className="w-28" />
          <Bone className="mt-2 h-9 w-full sm:w-56" />
        </div>
      ))}
      <Bone className="h-9 w-20" />
    </div>
  );
}

/** A card section with a heading, a description line and what goes in it (a table, a list). */
export function SectionSkeleton({ children, action = false }: { children?: React.ReactNode; action?: boolean }) {
  return (
    <div className="card p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="w-full max-w-md">
          <Bone className="h-5 w-40" />
          <Bone className="mt-2 w-full" />
        </div>
        {action && <Bone className="h-9 w-36" />}
      </div>
      {children}
    </div>
  );
}

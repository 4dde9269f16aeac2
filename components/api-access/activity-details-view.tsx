import { detailLines } from "./activity-details";

/** One event's details: label, then the value or the change (before struck out, after marked). */
export function ActivityDetails({ action, details }: { action: string; details: unknown }) {
  const lines = detailLines(action, details);
  if (lines.length === 0) return null;
  return (
    <dl className="grid min-w-0 sm:min-w-56 grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
      {lines.map((line) => (
        <div key={line.label} className="contents">
          <dt className="text-slate-500">{line.label}</dt>
          <dd className="break-words text-slate-700">
            {line.kind === "fact" && line.value}
            {line.kind === "change" && (
              <>
                <del className="text-slate-500">{line.before}</del> <span aria-hidden="true">→</span>{" "}
                <ins className="font-medium text-slate-900 no-underline">{line.after}</ins>
              </>
            )}
            {line.kind === "permissions" && (
              <>
                {line.added.length > 0 && <span className="block text-green-700">Added: {line.added.join(", ")}</span>}
                {line.removed.length > 0 && <span className="block text-red-700">Removed: {line.removed.join(", ")}</span>}
                {line.added.length === 0 && line.removed.length === 0 && "unchanged"}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

import type { Carrier } from "@/lib/carrier-auths/catalog";

/** What the courier defines for every account with it: shown, not edited. */
export function Presets({ carrier }: { carrier: Carrier }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-slate-600">Presets defined by {carrier.name} (read-only)</summary>
      <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Label formats</dt>
        <dd>{carrier.presets.labelFormats.join(", ")}</dd>
        <dt className="text-slate-500">Default service</dt>
        <dd>{carrier.presets.defaultService}</dd>
        <dt className="text-slate-500">Package types</dt>
        <dd>{carrier.presets.packageTypes.join(", ")}</dd>
      </dl>
    </details>
  );
}

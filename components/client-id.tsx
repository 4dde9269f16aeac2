import { CopyButton } from "./copy-button";

export function ClientId({ value, label = "Client ID" }: { value: string; label?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <span className="text-sm whitespace-nowrap text-slate-500">{label}</span>
      <code data-testid="client-id" className="rounded bg-slate-100 px-2 py-1 font-mono text-sm whitespace-nowrap">
        {value}
      </code>
      <CopyButton value={value} label="Copy Client ID" />
    </div>
  );
}

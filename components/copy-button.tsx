"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";

type Source =
  | { value: string; source?: never }
  /** The id of the element whose text is copied: a long text shown beside the button is then not sent twice. */
  | { value?: never; source: string };

/** Copies `value` (or the text of the element `source`) and says so for two seconds (visibly and to screen readers); `onCopied` tells a shown-once dialog. */
export function CopyButton({ value, source, label = "Copy", onCopied }: Source & { label?: string; onCopied?: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(value ?? document.getElementById(source ?? "")?.textContent ?? "");
    setCopied(true);
    onCopied?.();
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <button type="button" onClick={copy} className="btn whitespace-nowrap" aria-live="polite">
      {copied ? <Check aria-hidden="true" className="size-4 text-green-600" /> : <Copy aria-hidden="true" className="size-4" />}
      {copied ? "Copied!" : label}
    </button>
  );
}

"use client";

import { createContext, useCallback, useContext, useId, useRef, useState } from "react";
import { Check, Copy } from "lucide-react";
import { Modal } from "@/components/modal";

/** `returnTo`: where focus goes when the dialog closes (the button that started it). */
type Reveal = (token: string, returnTo?: HTMLElement | null) => void;

const RevealContext = createContext<Reveal | null>(null);

/** Opens the shown-once dialog for a token that an action just returned. */
export function useRevealToken(): Reveal {
  const reveal = useContext(RevealContext);
  if (!reveal) throw new Error("useRevealToken outside <TokenRevealProvider>");
  return reveal;
}

/**
 * Holds a new token only while its dialog is open, above the rows that issued it (a
 * rotated token's row may lose its buttons when the page refreshes). Closing the dialog
 * drops the token from state, so it is in no later render or HTML.
 */
export function TokenRevealProvider({ children }: { children: React.ReactNode }) {
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  const reveal = useCallback<Reveal>((value, target) => {
    returnTo.current = target ?? null;
    setCopied(false);
    setToken(value);
  }, []);
  const close = useCallback(() => {
    setToken(null);
    setCopied(false);
    const target = returnTo.current;
    returnTo.current = null;
    // After a rotation the old token's buttons may be gone: then the browser decides.
    if (target?.isConnected) requestAnimationFrame(() => target.focus());
  }, []);
  return (
    <RevealContext.Provider value={reveal}>
      {children}
      <Modal
        open={token !== null}
        onClose={close}
        title="Your new API token"
        description="Copy it now and store it somewhere safe."
        // Done is a deliberate choice; Escape or a stray click outside is asked about first.
        confirmDismiss={
          copied
            ? null
            : {
                question: "Close without copying?",
                detail: "The token has not been copied. Once this dialog closes it cannot be shown again; you would have to rotate it.",
                confirmLabel: "Close without copying",
              }
        }
      >
        {token !== null && <TokenShownOnce token={token} copied={copied} onCopied={() => setCopied(true)} onDone={close} />}
      </Modal>
    </RevealContext.Provider>
  );
}

function TokenShownOnce({ token, copied, onCopied, onDone }: { token: string; copied: boolean; onCopied: () => void; onDone: () => void }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
    } catch {
      // No clipboard API (an insecure origin or a denied permission): copy the selection.
      field.current?.select();
      document.execCommand("copy");
    }
    onCopied();
  }
  return (
    <div className="space-y-4">
      <p id={`${id}-warning`} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        This token will not be shown again. After you close this dialog only its hint (prefix and last four characters) remains.
      </p>
      <div>
        <label htmlFor={`${id}-token`} className="block text-sm font-medium">
          API token
        </label>
        <div className="mt-1 flex gap-2">
          <input
            ref={field}
            id={`${id}-token`}
            readOnly
            value={token}
            aria-describedby={`${id}-warning`}
            onFocus={(event) => event.currentTarget.select()}
            // Copied by hand (Ctrl+C, the context menu) counts as copied too.
            onCopy={onCopied}
            className="input font-mono text-xs"
            spellCheck={false}
            autoComplete="off"
          />
          <button type="button" className="btn shrink-0" onClick={copy} autoFocus>
            {copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
            {copied ? "Copied!" : "Copy"}
          </button>
        </div>
        <p aria-live="polite" className="sr-only">
          {copied ? "Token copied to the clipboard." : ""}
        </p>
      </div>
      <div className="flex justify-end">
        <button type="button" className="btn-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

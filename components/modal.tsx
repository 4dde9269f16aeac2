"use client";

import { useEffect, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";

const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal on the native <dialog> (showModal): the browser traps focus, makes the page
 * behind inert and closes on Escape. The content is rendered only while open, so a closed
 * dialog leaves nothing (no typed password, no token) in the page. Escape and a click on
 * the backdrop dismiss it; with `confirmDismiss` (a secret not yet copied) they first ask.
 */
export function Modal({
  open,
  onClose,
  title,
  description,
  confirmDismiss,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  /** Set while dismissing would lose something (a token not yet copied): Escape or a click outside asks first. */
  confirmDismiss?: { question: string; detail: string; confirmLabel: string } | null;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [asking, setAsking] = useState(false);
  const pressedOutside = useRef(false);
  // A question left up when the dialog closed (by Done) must not greet its next opening.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (!open) setAsking(false);
  }
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Escape while the question is up takes the question back, not the dialog.
  function dismiss() {
    if (asking) return setAsking(false);
    if (confirmDismiss) return setAsking(true);
    flushSync(onClose);
  }
  // The page behind a modal <dialog> is inert, but Tab from its last control would leave
  // for the browser's own UI: keep it cycling inside.
  function trapTab(event: React.KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute("disabled"));
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
  return (
    <dialog
      onKeyDown={trapTab}
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape: the browser would hide the dialog at once and only then tell React, leaving a
      // shown-once token or a revealed secret in the page for a moment. Instead the content
      // is dropped first (synchronously), and the effect above closes the dialog.
      onCancel={(event) => {
        event.preventDefault();
        dismiss();
      }}
      // A click on the backdrop lands on the <dialog> itself (its content box fills the rest);
      // one that began inside (a text selection dragged out) is not a click outside.
      onMouseDown={(event) => {
        pressedOutside.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget && pressedOutside.current) dismiss();
      }}
      onClose={onClose}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-xl overflow-y-auto rounded-xl bg-white p-0 text-slate-900 shadow-xl"
    >
      {open && (
        <div className="p-5 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1 text-sm text-slate-500">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
          {asking && confirmDismiss && (
            <div role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              <p className="font-semibold">{confirmDismiss.question}</p>
              <p className="mt-1">{confirmDismiss.detail}</p>
              <div className="mt-3 flex flex-wrap justify-end gap-2">
                <button type="button" className="btn" onClick={() => setAsking(false)} autoFocus>
                  Keep open
                </button>
                <button
                  type="button"
                  className="btn-danger"
                  onClick={() => {
                    setAsking(false);
                    flushSync(onClose);
                  }}
                >
                  {confirmDismiss.confirmLabel}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}

"use client";

import { useEffect, useId, useRef } from "react";
import { flushSync } from "react-dom";

const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal on the native <dialog> (showModal): the browser traps focus, makes the page
 * behind inert and closes on Escape. The content is rendered only while open, so a closed
 * dialog leaves nothing (no typed password, no token) in the page.
 */
export function Modal({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
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
        flushSync(onClose);
      }}
      onClose={onClose}
      className="m-auto max-h-[90vh] w-full max-w-xl overflow-y-auto rounded-xl bg-white p-0 text-slate-900 shadow-xl"
    >
      {open && (
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1 text-sm text-slate-500">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

"use client";

import { useEffect, useId, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { Menu, X } from "lucide-react";

/**
 * The dashboard's sidebar. From md up it is always shown; below md only `header` (the
 * brand) and a menu button show, and the button folds the rest (navigation, member) open
 * under it. Escape or following a link folds it again; focus goes back to the button.
 */
export function Sidebar({ header, children }: { header: React.ReactNode; children: React.ReactNode }) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownPath, setShownPath] = useState(pathname);
  if (pathname !== shownPath) {
    setShownPath(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    // The aside runs the page's full height (its border and background); its content stays in view.
    <aside className="shrink-0 border-b border-slate-200 bg-white md:w-60 md:border-r md:border-b-0">
      <div className="flex flex-col md:sticky md:top-0 md:h-screen">
        <div className="flex h-14 items-center gap-3 border-b border-slate-200 px-4 md:h-16">
          <div className="min-w-0 flex-1">{header}</div>
          <button
            ref={button}
            type="button"
            className="btn px-2 md:hidden"
            aria-expanded={open}
            aria-controls={id}
            aria-label="Menu"
            onClick={() => setOpen((value) => !value)}
          >
            {open ? <X aria-hidden="true" className="size-5" /> : <Menu aria-hidden="true" className="size-5" />}
          </button>
        </div>
        <div id={id} className={`${open ? "flex" : "hidden"} min-h-0 flex-1 flex-col md:flex`}>
          {children}
        </div>
      </div>
    </aside>
  );
}

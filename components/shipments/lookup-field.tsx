"use client";

import { useEffect, useId, useRef, useState } from "react";

export interface LookupOption {
  id: string;
  label: string;
  hint: string | null;
}

/**
 * A search-as-you-type filter field (the ARIA combobox pattern): typing asks the server
 * for up to ten matches (`/shipments/filter-options`), so a tenant with thousands of API
 * users or customers sends none of them with the page. The chosen id travels in a hidden
 * input named `name`; typing again clears it until an option is chosen.
 */
export function LookupField({
  name,
  kind,
  label,
  placeholder,
  initial,
}: {
  name: string;
  kind: "apiUser" | "customer";
  label: string;
  placeholder: string;
  initial: LookupOption | null;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [selected, setSelected] = useState<LookupOption | null>(initial);
  const [text, setText] = useState(initial?.label ?? "");
  const [options, setOptions] = useState<LookupOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const query = useRef<string | null>(null);

  useEffect(() => {
    if (!open || query.current === null) return;
    const q = query.current;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setStatus("loading");
      try {
        const response = await fetch(`/shipments/filter-options?kind=${kind}&q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { data: LookupOption[] };
        setOptions(body.data);
        setActive(-1);
        setStatus("idle");
      } catch {
        if (!controller.signal.aborted) setStatus("error");
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kind, open, text]);

  function choose(option: LookupOption | null) {
    setSelected(option);
    setText(option?.label ?? "");
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        query.current = text;
        setOpen(true);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : -1));
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  const message = status === "loading" ? "Searching…" : status === "error" ? "Search failed; try again." : "No matches.";
  return (
    <div className="relative max-w-full">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex gap-1">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          value={text}
          placeholder={placeholder}
          maxLength={100}
          className="input w-52 max-w-full min-w-0"
          onChange={(event) => {
            setText(event.target.value);
            setSelected(null);
            query.current = event.target.value;
            setOpen(true);
          }}
          onFocus={() => {
            if (!selected) {
              query.current = text;
              setOpen(true);
            }
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        {selected && (
          <button type="button" className="btn" aria-label={`Clear ${label}`} onClick={() => choose(null)}>
            ×
          </button>
        )}
      </div>
      <input type="hidden" name={name} value={selected?.id ?? ""} />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} matches`}
          className="absolute z-10 mt-1 max-h-72 w-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">{message}</li>
          ) : (
            options.map((option, i) => (
              <li
                key={option.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`cursor-pointer px-3 py-2 ${i === active ? "bg-indigo-50" : "hover:bg-slate-50"}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                <span className="font-medium">{option.label}</span>
                {option.hint && <span className="ml-2 text-xs text-slate-500">{option.hint}</span>}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}

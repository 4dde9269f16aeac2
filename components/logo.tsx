/** The Courier Console mark: a parcel on an indigo tile. Inline, so it costs no request. */
export function LogoMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className} focusable="false">
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path
        d="M16 7.5 24 12v8.5L16 25l-8-4.5V12z M8 12l8 4.5 8-4.5 M16 16.5V25 M12 9.75l8 4.5"
        fill="none"
        stroke="white"
        strokeWidth="1.8"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

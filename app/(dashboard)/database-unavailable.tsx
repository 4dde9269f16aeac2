"use client";

import { useTransition } from "react";

/**
 * What a dashboard page shows while the database cannot be reached (lib/db/errors.ts
 * isDatabaseUnavailable): a plain statement that nothing is lost and a retry, instead of a
 * generic error. Shown by the layout when it cannot read the member, and by error.tsx when
 * a page failed and GET /v1/health reports the database away. `retry` defaults to reloading
 * the page.
 */
export function DatabaseUnavailable({ retry }: { retry?: () => void }) {
  const [pending, start] = useTransition();
  return (
    <div role="alert" className="card mx-auto mt-16 max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">Database unavailable</h1>
      <p className="mt-2 text-sm text-slate-500">
        The console cannot reach its database right now, so this page cannot be shown and no change can be saved. Your data is safe. Try
        again in a moment.
      </p>
      <div className="mt-6 flex justify-center">
        <button
          type="button"
          disabled={pending}
          onClick={() => start(() => (retry ? retry() : window.location.reload()))}
          className="btn-primary"
        >
          {pending ? "Retrying…" : "Retry"}
        </button>
      </div>
    </div>
  );
}

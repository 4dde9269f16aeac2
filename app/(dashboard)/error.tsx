"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { DatabaseUnavailable } from "./database-unavailable";

/** Next.js gives errors thrown on the server a digest instead of their message; it names the server log line. */
function digestOf(error: unknown): string | null {
  if (!(error instanceof Error) || !("digest" in error)) return null;
  return typeof error.digest === "string" ? error.digest : null;
}

/**
 * A dashboard page failed: the sidebar stays (this boundary sits below the layout), the
 * member gets a plain message and a retry, never the error's text. The digest is logged
 * and shown so a report can be matched with the server's log. The error's text never
 * reaches the browser, so the boundary asks readiness (GET /v1/health) whether the database
 * is away, and then says so (DatabaseUnavailable) instead.
 */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  const [databaseAway, setDatabaseAway] = useState(false);
  useEffect(() => {
    console.error("Dashboard page failed", digest ? { digest } : error);
    let current = true;
    fetch("/v1/health", { cache: "no-store" })
      .then(async (response) => {
        if (response.ok) return;
        const body = (await response.json().catch(() => null)) as { error?: { details?: { database?: string } } } | null;
        if (current && body?.error?.details?.database === "unreachable") setDatabaseAway(true);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [error, digest]);

  if (databaseAway) return <DatabaseUnavailable retry={retry} />;

  return (
    <div role="alert" className="card mx-auto mt-16 max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-500">Something went wrong on our side. Try again in a moment.</p>
      {digest && (
        <p className="mt-2 text-xs text-slate-500">
          If it keeps failing, quote this reference: <code className="font-mono">{digest}</code>
        </p>
      )}
      <div className="mt-6 flex justify-center gap-2">
        <button type="button" onClick={() => retry()} className="btn-primary">
          Try again
        </button>
        <Link href="/" className="btn">
          Back to overview
        </Link>
      </div>
    </div>
  );
}

"use client";

import { useTransition } from "react";
import { Time } from "@/components/time";
import { runAction } from "./run-action";
import type { FormAction } from "./types";

interface Attempt {
  id: string;
  at: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

interface Delivery {
  id: string;
  messageId: string;
  type: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  log: Attempt[];
}

const STATUS = {
  PENDING: "bg-amber-50 text-amber-800",
  SUCCEEDED: "bg-green-50 text-green-700",
  FAILED: "bg-red-50 text-red-700",
} as const;

/** The endpoint's deliveries, newest first, each with its attempts; resend and test for members who manage. */
export function DeliveryLog({
  apiUserId,
  endpointId,
  enabled,
  deliveries,
  actions,
}: {
  apiUserId: string;
  endpointId: string;
  enabled: boolean;
  deliveries: Delivery[];
  actions: { resend: FormAction<void>; sendTest: FormAction<void> } | null;
}) {
  const [pending, startTransition] = useTransition();
  const ref = { apiUserId, endpointId };
  return (
    <div className="space-y-4">
      {actions && (
        <button
          type="button"
          className="btn"
          disabled={pending || !enabled}
          onClick={() => startTransition(async () => void (await runAction(actions.sendTest, ref, "Test event queued")))}
        >
          Send test event
        </button>
      )}
      {deliveries.length === 0 && <p className="text-sm text-slate-500">Nothing delivered yet.</p>}
      <ul className="space-y-3">
        {deliveries.map((d) => (
          <li key={d.id} className="rounded-lg border border-slate-200 p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="min-w-0">
                <span className="font-mono text-sm font-semibold">{d.type}</span>{" "}
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS[d.status]}`}>{d.status.toLowerCase()}</span>
                <p className="text-xs break-all text-slate-500">
                  {d.messageId} · <Time date={d.createdAt} /> · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                  {d.nextAttemptAt && (
                    <>
                      {" · next "}
                      <Time date={d.nextAttemptAt} />
                    </>
                  )}
                </p>
              </div>
              {actions && (
                <button
                  type="button"
                  className="btn"
                  disabled={pending || !enabled}
                  aria-label={`Resend ${d.type} ${d.messageId}`}
                  onClick={() =>
                    startTransition(
                      async () => void (await runAction(actions.resend, { ...ref, deliveryId: d.id }, "Delivery queued again")),
                    )
                  }
                >
                  Resend
                </button>
              )}
            </div>
            {d.log.length > 0 && (
              <div className="mt-2 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th className="py-1 pr-3 font-medium">Time</th>
                      <th className="py-1 pr-3 font-medium">Status</th>
                      <th className="py-1 pr-3 font-medium">Duration</th>
                      <th className="py-1 font-medium">Response</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.log.map((a) => (
                      <tr key={a.id} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-3 whitespace-nowrap">
                          <Time date={a.at} />
                        </td>
                        <td className={`py-1 pr-3 ${a.statusCode && a.statusCode < 300 ? "text-green-700" : "text-red-700"}`}>
                          {a.statusCode ?? "—"}
                        </td>
                        <td className="py-1 pr-3 whitespace-nowrap">{a.durationMs} ms</td>
                        <td className="py-1">
                          {a.error && <p className="text-red-700">{a.error}</p>}
                          {a.responseExcerpt && (
                            <pre className="max-h-32 max-w-xl overflow-auto rounded bg-slate-50 p-1 text-xs whitespace-pre-wrap">
                              {a.responseExcerpt}
                            </pre>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

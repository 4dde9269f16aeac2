"use client";

import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { USAGE_SERIES } from "./series";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface UsageRow {
  /** "2026-11-25" or "13:00": the bucket as the axis and the table show it. */
  label: string;
  success: number;
  clientError: number;
  rateLimited: number;
  serverError: number;
}

/**
 * Requests per bucket as stacked bars (Chart.js on a canvas, drawn in the browser). The
 * canvas carries a one-line summary for screen readers; the same numbers are a table
 * below it, for anyone who wants them exactly.
 */
export function UsageChart({ title, rows, summary }: { title: string; rows: UsageRow[]; summary: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: rows.map((r) => r.label),
        datasets: USAGE_SERIES.map((s) => ({ label: s.label, data: rows.map((r) => r[s.key]), backgroundColor: s.color, stack: "calls" })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    return () => chart.destroy();
  }, [rows]);

  return (
    <figure className="card p-4">
      <figcaption className="font-medium">{title}</figcaption>
      <div className="mt-3 overflow-x-auto">
        <div className="relative h-64 min-w-[28rem]">
          <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} />
        </div>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600">Show as table</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left" aria-label={`${title} (table)`}>
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 pr-4 font-medium">Period</th>
                {USAGE_SERIES.map((s) => (
                  <th key={s.key} className="py-1 pr-4 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row" className="py-1 pr-4 font-normal whitespace-nowrap">
                    {r.label}
                  </th>
                  {USAGE_SERIES.map((s) => (
                    <td key={s.key} className="py-1 pr-4 text-right font-mono">
                      {r[s.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The four outcomes the Usage tab shows, in order, with their colours (shared by the page and the chart). */
export const USAGE_SERIES = [
  { key: "success", label: "Successes (2xx/3xx)", color: "#10b981" },
  { key: "clientError", label: "Client errors (4xx)", color: "#f59e0b" },
  { key: "rateLimited", label: "Rate-limited (429)", color: "#8b5cf6" },
  { key: "serverError", label: "Server errors (5xx)", color: "#ef4444" },
] as const;

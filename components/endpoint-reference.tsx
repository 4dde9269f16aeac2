import { CopyButton } from "./copy-button";

// The Endpoint reference's pieces: plain props, no data access (the page builds them from
// the operation catalogue through lib/api/openapi.ts).

export interface EndpointParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  type: string;
}

export interface EndpointDoc {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tag: string;
  /** The permission, or how the endpoint is authenticated when it needs none. */
  access: string;
  parameters: EndpointParameter[];
  requestExample?: string;
  responseStatus: number;
  responseExample?: string;
  /** Every error code the operation can answer, lowest status first. */
  errors: { status: number; code: string; description: string }[];
  curl: string;
}

const METHOD_COLOURS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800",
  POST: "bg-green-100 text-green-800",
  DELETE: "bg-red-100 text-red-800",
};

/** `code` spans of the OpenAPI descriptions as <code>. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A code block with its own Copy button (a figure named by its label, so each is found by name). */
function Code({ id, label, code }: { id: string; label: string; code: string }) {
  const labelId = `${id}-label`;
  return (
    <figure aria-labelledby={labelId} className="mt-4">
      <div className="flex items-center justify-between gap-2">
        <figcaption id={labelId} className="text-xs font-medium tracking-wide text-slate-500 uppercase">
          {label}
        </figcaption>
        {/* Copies the block's text: passing the code as a prop would send every example twice (HTML and the client's payload). */}
        <CopyButton source={`${id}-code`} label="Copy" />
      </div>
      <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
        <code id={`${id}-code`}>{code}</code>
      </pre>
    </figure>
  );
}

export function EndpointIndex({ endpoints }: { endpoints: EndpointDoc[] }) {
  return (
    <nav aria-label="Endpoints" className="card p-4">
      <ul className="grid gap-1 text-sm sm:grid-cols-2">
        {endpoints.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`} className="flex items-center gap-2 hover:underline">
              <span
                className={`w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ${METHOD_COLOURS[e.method] ?? "bg-slate-100"}`}
              >
                {e.method}
              </span>
              <span className="min-w-0 font-mono break-all">{e.path}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function EndpointCard({ endpoint: e }: { endpoint: EndpointDoc }) {
  return (
    <article id={e.id} aria-labelledby={`${e.id}-title`} className="card mt-6 scroll-mt-6 p-6">
      <header className="flex flex-wrap items-center gap-3">
        <span className={`rounded px-2 py-0.5 font-mono text-sm font-semibold ${METHOD_COLOURS[e.method] ?? "bg-slate-100"}`}>
          {e.method}
        </span>
        <h3 id={`${e.id}-title`} className="font-mono text-base font-semibold break-all">
          {e.path}
        </h3>
        <span className="text-sm text-slate-600">{e.summary}</span>
        <span className="ml-auto rounded-full bg-indigo-50 px-2.5 py-0.5 text-xs font-medium text-indigo-700" title="Permission">
          {e.access}
        </span>
      </header>
      <p className="mt-3 text-sm whitespace-pre-line text-slate-700">
        <Prose text={e.description} />
      </p>

      {e.parameters.length > 0 && (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">Parameters</caption>
            {/* Below sm each parameter is a stacked row (name, where, type, then its description). */}
            <thead className="hidden text-slate-500 sm:table-header-group">
              <tr>
                <th className="py-1 pr-4 font-medium">Name</th>
                <th className="py-1 pr-4 font-medium">In</th>
                <th className="py-1 pr-4 font-medium">Type</th>
                <th className="py-1 font-medium">Description</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {e.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="block py-1 sm:table-row sm:py-0">
                  <td className="inline py-1 pr-3 font-mono sm:table-cell sm:pr-4">
                    {p.name}
                    {p.required && (
                      <span className="text-red-700" title="required">
                        {" "}
                        *
                      </span>
                    )}
                  </td>
                  <td className="inline py-1 pr-3 text-slate-500 sm:table-cell sm:pr-4 sm:text-inherit">{p.in}</td>
                  <td className="inline py-1 pr-4 font-mono text-xs sm:table-cell">{p.type}</td>
                  <td className="block py-1 text-slate-600 sm:table-cell">{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Code id={`${e.id}-curl`} label="Example request (curl)" code={e.curl} />
      {e.requestExample && <Code id={`${e.id}-body`} label="Request body" code={e.requestExample} />}
      {e.responseExample && <Code id={`${e.id}-response`} label={`Response ${e.responseStatus}`} code={e.responseExample} />}

      {e.errors.length > 0 && (
        <div className="mt-4">
          <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Errors</h4>
          <ul className="mt-1 space-y-0.5 text-sm text-slate-600">
            {e.errors.map((err) => (
              <li key={err.code}>
                <span className="font-mono">{err.status}</span>{" "}
                <code className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">{err.code}</code> {err.description}
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

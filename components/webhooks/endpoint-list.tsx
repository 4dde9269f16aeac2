import Link from "next/link";
import { Time } from "@/components/time";
import { CreateEndpoint } from "./create-endpoint";
import { EndpointActions } from "./endpoint-actions";
import type { WebhookActions, WebhookEndpointItem } from "./types";

function Status({ endpoint }: { endpoint: WebhookEndpointItem }) {
  if (endpoint.enabled) {
    return <span className="rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-700">Enabled</span>;
  }
  if (endpoint.disabled_reason === "failing") {
    return <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700">Disabled: failed for 5 days</span>;
  }
  return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Disabled</span>;
}

/** The API user's webhook endpoints of the dashboard's environment, with controls for members who may manage them. */
export function EndpointList({
  apiUserId,
  environment,
  endpoints,
  actions,
}: {
  apiUserId: string;
  environment: "live" | "test";
  endpoints: WebhookEndpointItem[];
  actions: WebhookActions | null;
}) {
  return (
    <div className="space-y-4">
      {actions && <CreateEndpoint apiUserId={apiUserId} environment={environment} action={actions.create} />}
      {endpoints.length === 0 && <p className="text-sm text-slate-500">No {environment} webhook endpoints yet.</p>}
      {endpoints.map((endpoint) => {
        const headingId = `webhook-${endpoint.id}`;
        return (
          <article key={endpoint.id} aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-3 sm:p-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h3 id={headingId} className="font-mono text-sm font-semibold break-all">
                {endpoint.url}
              </h3>
              <Status endpoint={endpoint} />
            </div>
            {endpoint.description && <p className="mt-1 text-sm text-slate-600">{endpoint.description}</p>}
            <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-slate-500">Events</dt>
              <dd className="flex flex-wrap gap-1">
                {endpoint.events.map((e) => (
                  <span key={e} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                    {e}
                  </span>
                ))}
              </dd>
              <dt className="text-slate-500">Signing secret</dt>
              <dd className="font-mono">
                {endpoint.secret_hint}
                {endpoint.previous_secret_until && (
                  <span className="ml-2 font-sans text-slate-500">
                    (the previous one also signs until <Time date={endpoint.previous_secret_until} />)
                  </span>
                )}
              </dd>
              {endpoint.failing_since && (
                <>
                  <dt className="text-slate-500">Failing since</dt>
                  <dd className="text-red-700">
                    <Time date={endpoint.failing_since} />
                  </dd>
                </>
              )}
            </dl>
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <Link className="btn" href={`/api-users/${apiUserId}/webhooks/${endpoint.id}`}>
                Delivery log
              </Link>
              {actions && <EndpointActions apiUserId={apiUserId} endpoint={endpoint} actions={actions} />}
            </div>
          </article>
        );
      })}
    </div>
  );
}

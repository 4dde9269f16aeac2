import type { Metadata } from "next";
import { headers } from "next/headers";
import { requireMember } from "@/lib/auth/member";
import { OPERATIONS } from "@/lib/api/operations";
import { referenceFor } from "@/lib/api/openapi";
import { ClientId } from "@/components/client-id";
import { EndpointCard, EndpointIndex } from "@/components/endpoint-reference";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Endpoint reference" };

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function DevelopersPage() {
  const member = await requireMember();
  const base = await origin();
  const endpoints = OPERATIONS.map((op) => referenceFor(op, member.tenant.clientId, base));
  const tags = [...new Set(endpoints.map((e) => e.tag))];
  return (
    <>
      <PageHeader
        title="Endpoint reference"
        description={
          <>
            The public API at <code className="font-mono">{base}/v1</code>, generated from the same schemas that validate requests.
            Machine-readable:{" "}
            <a className="text-indigo-600 hover:underline" href="/api/v1/openapi.json">
              openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </>
        }
      />
      <section aria-labelledby="basics" className="card mb-6 p-6 text-sm text-slate-700">
        <h2 id="basics" className="font-medium text-slate-900">
          Basics
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            Send a token as <code className="font-mono">Authorization: Bearer …</code> and a Client ID in{" "}
            <code className="font-mono">X-Tenant</code>: yours below, or a customer&apos;s to act for that customer only.
          </li>
          <li>
            Tokens starting <code className="font-mono">cc_test_</code> are test mode: their shipments and pickups are invisible to live
            tokens, and test shipments move to delivered within about four minutes.
          </li>
          <li>
            Money is <code className="font-mono">{`{"amount": "12.50", "amount_cents": 1250, "currency": "EUR"}`}</code>; weights are grams,
            dimensions centimetres.
          </li>
          <li>
            Errors are <code className="font-mono">{`{"ok": false, "error": {"code", "message", "details"}}`}</code>; a 422 lists each
            invalid field in <code className="font-mono">details.fields</code>.
          </li>
        </ul>
        <div className="mt-4">
          <ClientId value={member.tenant.clientId} />
        </div>
      </section>
      <EndpointIndex endpoints={endpoints} />
      {tags.map((tag) => (
        <section key={tag} aria-label={tag} className="mt-8">
          <h2 className="text-lg font-semibold">{tag}</h2>
          {endpoints
            .filter((e) => e.tag === tag)
            .map((e) => (
              <EndpointCard key={e.id} endpoint={e} />
            ))}
        </section>
      ))}
    </>
  );
}

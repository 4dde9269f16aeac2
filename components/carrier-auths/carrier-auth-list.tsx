import { carrierByCode } from "@/lib/carrier-auths/catalog";
import { CarrierAuthForm } from "./carrier-auth-form";
import { DeleteCarrierAuth } from "./delete-carrier-auth";
import { Presets } from "./presets";
import { RevealSecret } from "./reveal-secret";
import type { CarrierAuthActions, CarrierAuthView } from "./types";
import { Time } from "@/components/time";

/** A secret as the list shows it: never the value, at most its last four characters. */
function Masked({ hint }: { hint: string | null }) {
  return (
    <span className="font-mono" aria-label={hint ? `hidden, ends in ${hint}` : "hidden"}>
      ••••••••{hint}
    </span>
  );
}

/** The API user's registered auths, each with its controls for members who may manage them. */
export function CarrierAuthList({
  apiUserId,
  auths,
  actions,
}: {
  apiUserId: string;
  auths: CarrierAuthView[];
  actions: CarrierAuthActions | null;
}) {
  return (
    <div className="space-y-4">
      {actions && (
        <div>
          <CarrierAuthForm apiUserId={apiUserId} action={actions.add} />
        </div>
      )}
      {auths.length === 0 && <p className="text-sm text-slate-500">No carrier auths registered yet.</p>}
      {auths.map((auth) => {
        const headingId = `carrier-auth-${auth.id}`;
        const carrier = carrierByCode(auth.courier);
        return (
          <article key={auth.id} aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-3 sm:p-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h3 id={headingId} className="font-semibold">
                {auth.courierName} <span className="font-normal text-slate-500">— {auth.company}</span>
              </h3>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${auth.testing ? "bg-amber-50 text-amber-800" : "bg-green-50 text-green-700"}`}
              >
                {auth.testing ? "Test account" : "Live account"}
              </span>
            </div>
            <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-slate-500">Company</dt>
              <dd>{auth.company}</dd>
              <dt className="text-slate-500">Testing</dt>
              <dd>{auth.testing ? "Yes" : "No"}</dd>
              {auth.fields.map((field) => (
                <div key={field.name} className="contents">
                  <dt className="text-slate-500">{field.label}</dt>
                  <dd className="flex flex-wrap items-center gap-2 break-all">
                    {!field.isSet ? (
                      <span className="text-slate-400">—</span>
                    ) : field.secret ? (
                      <>
                        <Masked hint={field.hint} />
                        {actions && (
                          <RevealSecret
                            apiUserId={apiUserId}
                            authId={auth.id}
                            field={field.name}
                            label={`${field.label} of ${auth.courierName} (${auth.company})`}
                            action={actions.reveal}
                          />
                        )}
                      </>
                    ) : (
                      <span className="font-mono">{field.value}</span>
                    )}
                  </dd>
                </div>
              ))}
              <dt className="text-slate-500">Created</dt>
              <dd>
                <Time date={auth.createdAt} /> by {auth.createdBy}
              </dd>
              <dt className="text-slate-500">Updated</dt>
              <dd>
                <Time date={auth.updatedAt} /> by {auth.updatedBy}
              </dd>
            </dl>
            {carrier && <Presets carrier={carrier} />}
            {actions && (
              <div className="mt-3 flex flex-wrap gap-2">
                <CarrierAuthForm apiUserId={apiUserId} action={actions.edit} auth={auth} />
                <DeleteCarrierAuth apiUserId={apiUserId} auth={auth} action={actions.remove} />
              </div>
            )}
          </article>
        );
      })}
    </div>
  );
}

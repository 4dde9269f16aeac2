"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult, ActionState } from "@/lib/auth/member-action";
import { Time } from "@/components/time";

interface Leak {
  id: string;
  hint: string;
  name: string | null;
  leakedAt: Date | null;
  leakUrl: string | null;
  leakSource: string | null;
  apiUser: { id: string; username: string };
}

/**
 * Tokens a secret scanner reported leaked (already revoked): shown on the Overview until a
 * member who manages credentials acknowledges them.
 */
export function LeakedTokensBanner({
  leaks,
  acknowledge,
}: {
  leaks: Leak[];
  acknowledge:
    ((previous: ActionState<{ acknowledged: number }>, data: FormData) => Promise<ActionResult<{ acknowledged: number }>>) | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!acknowledge) return;
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await acknowledge(null, data);
      if (result.ok) {
        toast.success("Leak warnings acknowledged.");
        router.refresh();
      } else toast.error(result.error);
    });
  }
  return (
    <section aria-labelledby="leaked-tokens" className="card mb-6 border-red-300 bg-red-50 p-6">
      <h2 id="leaked-tokens" className="font-medium text-red-900">
        {leaks.length === 1 ? "A token was" : `${leaks.length} tokens were`} reported leaked and revoked
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-red-900">
        {leaks.map((leak) => (
          <li key={leak.id}>
            <a href={`/api-users/${leak.apiUser.id}/tokens`} className="font-medium underline">
              <span className="font-mono">{leak.apiUser.username}</span> · <span className="font-mono">{leak.hint}</span>
            </a>
            {leak.leakUrl && <span className="break-all"> found at {leak.leakUrl}</span>}
            {leak.leakSource && ` (in ${leak.leakSource})`}
            {leak.leakedAt && (
              <>
                {" ("}
                <Time date={leak.leakedAt} />)
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-red-900">Give each integration a new token, and remove the leaked one from where it was found.</p>
      {acknowledge && (
        <form onSubmit={submit} className="mt-3">
          {leaks.map((leak) => (
            <input key={leak.id} type="hidden" name="tokenIds[]" value={leak.id} />
          ))}
          <button type="submit" className="btn" disabled={pending}>
            {pending ? "Working…" : "Acknowledge"}
          </button>
        </form>
      )}
    </section>
  );
}

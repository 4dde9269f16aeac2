"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { runAction, type FormAction } from "@/components/run-action";

/**
 * The Test / Live switch: two buttons, the current one pressed. The choice is saved for
 * the member on the server, then the page is read again in the new mode.
 */
export function EnvironmentSwitch({ mode, action }: { mode: "live" | "test"; action: FormAction<void> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function choose(next: "live" | "test") {
    if (next === mode) return;
    const data = new FormData();
    data.set("environment", next);
    startTransition(async () => {
      const name = next === "live" ? "Live" : "Test";
      const result = await runAction(action, data, {
        success: `Switched to ${name}: showing ${next} tokens, activity and data`,
        failure: `Could not switch to ${name}`,
      });
      if (result.ok) router.refresh();
    });
  }
  return (
    <div role="group" aria-label="Environment" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
      {(["live", "test"] as const).map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={choice === mode}
          disabled={pending}
          onClick={() => choose(choice)}
          className={`rounded px-3 py-1 font-medium ${
            choice === mode
              ? choice === "test"
                ? "bg-amber-500 text-white"
                : "bg-indigo-600 text-white"
              : "text-slate-600 hover:bg-slate-100"
          }`}
        >
          {choice === "live" ? "Live" : "Test"}
        </button>
      ))}
    </div>
  );
}

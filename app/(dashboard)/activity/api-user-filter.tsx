"use client";

import { useEffect, useRef, useState } from "react";

interface Match {
  id: string;
  username: string;
  deleted: boolean;
}

/**
 * The activity log's API-user filter: a text box that suggests the tenant's API users as
 * the member types (GET /activity/api-users?q=, at most 20 at a time), instead of one
 * option per user. Submits the username; an exact username also works without script.
 */
export function ApiUserFilter({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [matches, setMatches] = useState<Match[]>([]);
  const asked = useRef<string | null>(null);

  useEffect(() => {
    const prefix = text.trim();
    if (prefix === asked.current) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      asked.current = prefix;
      try {
        const response = await fetch(`/activity/api-users?q=${encodeURIComponent(prefix)}`, { signal: controller.signal });
        if (response.ok) setMatches(((await response.json()) as { data: Match[] }).data);
      } catch {
        // aborted by the next keystroke, or offline: keep the last suggestions
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  return (
    <div>
      <label htmlFor="activity-user" className="block text-sm font-medium">
        API user
      </label>
      <input
        id="activity-user"
        name="apiUser"
        list="activity-user-matches"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        className="input mt-1"
        placeholder="All API users"
      />
      <datalist id="activity-user-matches">
        {matches.map((user) => (
          <option key={user.id} value={user.username}>
            {user.deleted ? "deleted" : undefined}
          </option>
        ))}
      </datalist>
    </div>
  );
}

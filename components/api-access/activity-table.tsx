import Link from "next/link";
import type { Prisma } from "@prisma/client";
import { Time } from "@/components/time";
import { ActivityDetails } from "./activity-details-view";

/** An event as the tables show it (lib/activity and lib/api-users select these fields). */
export interface ActivityRow {
  id: string;
  createdAt: Date;
  actor: string;
  action: string;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string | null;
  details: Prisma.JsonValue;
  apiUser: { id: string; username: string; deletedAt: Date | null } | null;
}

export function ActivityTable({ events, label, empty = "No activity yet." }: { events: ActivityRow[]; label: string; empty?: string }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Time
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Username
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Action
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              By
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              IP
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id}>
              <td className="px-3 py-2 whitespace-nowrap text-slate-500">
                <Time date={event.createdAt} />
              </td>
              <td className="px-3 py-2">
                {event.apiUser && !event.apiUser.deletedAt ? (
                  <Link href={`/api-users/${event.apiUser.id}`} className="text-indigo-700 hover:underline">
                    {event.apiUser.username}
                  </Link>
                ) : (
                  (event.apiUser?.username ?? "—")
                )}
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {event.action}
                {event.method && event.path && (
                  <span className="block text-slate-500">
                    {event.method} {event.path} {event.status ?? ""}
                  </span>
                )}
              </td>
              <td className="px-3 py-2">{event.actor}</td>
              <td className="px-3 py-2 font-mono text-xs">{event.ip ?? "—"}</td>
              <td className="px-3 py-2">
                <ActivityDetails action={event.action} details={event.details} />
              </td>
            </tr>
          ))}
          {events.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

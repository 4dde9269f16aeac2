import Link from "next/link";
import type { Prisma } from "@prisma/client";
import { STACK } from "@/components/stacked-table";
import { Time } from "@/components/time";
import { actionLabel } from "./activity-details";
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
    // relative: the phone layout's sr-only header row is positioned; it must stay inside this box.
    <div className="relative overflow-x-auto">
      <table aria-label={label} className={`w-full text-left text-sm ${STACK.table}`}>
        <thead className={`bg-slate-50 text-slate-500 ${STACK.head}`}>
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
        <tbody className={`divide-y divide-slate-100 ${STACK.body}`}>
          {events.map((event) => (
            <tr key={event.id} className={STACK.row}>
              <td data-label="Time" className={`px-3 py-2 whitespace-nowrap text-slate-500 ${STACK.cell}`}>
                <Time date={event.createdAt} />
              </td>
              <td data-label="Username" className={`px-3 py-2 ${STACK.cell}`}>
                {event.apiUser && !event.apiUser.deletedAt ? (
                  <Link href={`/api-users/${event.apiUser.id}`} className="text-indigo-700 hover:underline">
                    {event.apiUser.username}
                  </Link>
                ) : (
                  (event.apiUser?.username ?? "—")
                )}
              </td>
              <td data-label="Action" className={`px-3 py-2 text-xs ${STACK.cell}`}>
                <div className="min-w-0">
                  {actionLabel(event.action) && (
                    <span className="block text-sm font-medium text-slate-900">{actionLabel(event.action)}</span>
                  )}
                  <span className="font-mono break-all text-slate-500">{event.action}</span>
                  {event.method && event.path && (
                    <span className="block font-mono break-all text-slate-500">
                      {event.method} {event.path} {event.status ?? ""}
                    </span>
                  )}
                </div>
              </td>
              <td data-label="By" className={`px-3 py-2 ${STACK.cell}`}>
                {event.actor}
              </td>
              <td data-label="IP" className={`px-3 py-2 font-mono text-xs ${STACK.cell}`}>
                {event.ip ?? "—"}
              </td>
              <td data-label="Details" className={`px-3 py-2 ${STACK.cell}`}>
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

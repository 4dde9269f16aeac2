// Time text for the <Time> component (pure, so it is unit-tested without a browser). Plain
// Intl.RelativeTimeFormat: every browser and Node has it, so no date library is needed for
// "3 min ago"; the exact time is always UTC so a support call reads the same on both ends.

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "long" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2026-11-24 01:05:33 UTC": what a hover or a support ticket needs. */
export function exactUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "just now", "3 minutes ago", "in 2 hours", "yesterday"; beyond 30 days the UTC date ("24 Oct 2026"). */
export function relativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < HOUR) return relative.format(Math.trunc(seconds / MINUTE) || Math.sign(seconds), "minute");
  if (abs < DAY) return relative.format(Math.trunc(seconds / HOUR), "hour");
  if (abs < 30 * DAY) return relative.format(Math.trunc(seconds / DAY), "day");
  return dayMonth.format(date);
}

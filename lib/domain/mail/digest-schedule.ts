import { parseLocalDateTime, toLocalDateTimeInput } from "../zoned-time.ts";

// When daily emails go out and which hours they cover, in each recipient's own time zone. A
// digest for date D (a calendar day where the recipient lives) covers that whole local day —
// 23 hours on the day clocks spring forward, 25 when they fall back — and is due at 7:00 local
// time the next morning.

/** Local hour at which the daily digests of the day before go out. */
export const DIGEST_LOCAL_HOUR = 7;
/** A digest that could not go out on time (the app was down) is still sent within this window. */
export const DIGEST_CATCH_UP_MS = 48 * 60 * 60_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date ("2027-03-14") of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): string {
  return toLocalDateTimeInput(instant, zone).slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  const shifted = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return shifted.toISOString().slice(0, 10);
}

/** The instant a local wall time on `date` means in `zone` (a skipped hour resolves after the jump). */
export function localInstant(date: string, hour: number, zone: string): Date {
  const instant = parseLocalDateTime(`${date}T${String(hour).padStart(2, "0")}:00`, zone);
  if (!instant) throw new Error(`Not a date: ${date}`);
  return instant;
}

/** [start, end) of a local calendar day: from its first instant to the next day's. */
export function localDayWindow(date: string, zone: string): { start: Date; end: Date } {
  return { start: localInstant(date, 0, zone), end: localInstant(addDays(date, 1), 0, zone) };
}

/** When the digest of `date` is due: 7:00 the next local morning. */
export function digestDueAt(date: string, zone: string): Date {
  return localInstant(addDays(date, 1), DIGEST_LOCAL_HOUR, zone);
}

/**
 * The dates whose digest is due at `now` for someone in `zone`: due already, and not more than
 * two days ago (an app that was down catches up; older days are not sent any more).
 */
export function dueDigestDates(now: Date, zone: string): string[] {
  const today = localDateOf(now, zone);
  return [addDays(today, -3), addDays(today, -2), addDays(today, -1)].filter((date) => {
    const due = digestDueAt(date, zone).getTime();
    return due <= now.getTime() && due > now.getTime() - DIGEST_CATCH_UP_MS;
  });
}

/** "Sunday 14 March 2027", for a digest's heading (built from parts: ICU versions punctuate it differently). */
export function describeLocalDate(date: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).formatToParts(localInstant(date, 12, "UTC"));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}

/** "14:05": the local time of an instant, for a digest's items. */
export function localTimeOf(instant: Date, zone: string): string {
  return toLocalDateTimeInput(instant, zone).slice(11, 16);
}

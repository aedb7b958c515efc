// Dates are stored in UTC and shown in each viewer's time zone (an IANA name the browser reports,
// kept in a cookie). These helpers convert between an instant and the wall-clock time of a zone,
// with Intl only: no time-zone database of our own.

export const DEFAULT_TIME_ZONE = "UTC";

export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockIn(instant: Date, zone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((item) => item.type === type)?.value ?? "0");
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute"), second: part("second") };
}

/** The zone's offset from UTC at that instant, in milliseconds (east positive). */
function offsetAt(instant: Date, zone: string): number {
  const wall = wallClockIn(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A date field that holds something, but not a whole date and time (half-typed, or not a real day). */
export const INCOMPLETE_DATE_MESSAGE = "Finish the date and time (day, month, year, hour and minute), or clear the field for none.";

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a `<input type="datetime-local">` value means in `zone`, or null when it is not a
 * real date and time. A wall time skipped by a daylight-saving jump resolves to the instant after
 * the jump; a repeated one to its first occurrence.
 */
export function parseLocalDateTime(value: string, zone: string): Date | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((item) => Number(item ?? "0")) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallAsUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  // The offsets a day either side bracket any daylight-saving change near this wall time.
  const offsetBefore = offsetAt(new Date(wallAsUtc - 86_400_000), zone);
  const offsetAfter = offsetAt(new Date(wallAsUtc + 86_400_000), zone);
  const exact = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter]
    .filter((candidate) => candidate + offsetAt(new Date(candidate), zone) === wallAsUtc)
    .sort((a, b) => a - b);
  // In a skipped hour no instant matches: read the wall time with the offset from before the jump.
  return new Date(exact[0] ?? wallAsUtc - offsetBefore);
}

/** The value for a `<input type="datetime-local">` showing the instant in `zone`. */
export function toLocalDateTimeInput(instant: Date, zone: string): string {
  const wall = wallClockIn(instant, zone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

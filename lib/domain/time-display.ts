// How Scholia shows a moment, everywhere (threads, the margin, search, notifications, insights,
// cards): in the viewer's time zone and language; relative when it is recent ("3 min ago"), with
// the absolute time always available beside it. Pure, so the server and the browser agree.

export type TimeSettings = { zone: string; locale: string };

export const DEFAULT_LOCALE = "en-GB";

/** Within this distance from now a moment is shown relative ("3 min ago", "in 2 days"). */
const RELATIVE_LIMIT_MS = 7 * 24 * 60 * 60 * 1000;

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 24 * 60 * 60 * 1000],
  ["hour", 60 * 60 * 1000],
  ["minute", 60 * 1000],
];

export type TimeText = { iso: string; absolute: string; relative: string | null };

// Building an Intl formatter costs far more than using one (it loads the locale's data): a page
// with 50 cards built hundreds, an eighth of the reading page's server time (issue #12). Kept per
// locale and zone; a few dozen at most in practice, and bounded here all the same.
const MAX_FORMATTERS = 256;
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function remembered<T>(formats: Map<string, T>, key: string, build: () => T): T {
  const known = formats.get(key);
  if (known) return known;
  const built = build();
  if (formats.size >= MAX_FORMATTERS) formats.clear();
  formats.set(key, built);
  return built;
}

/** The absolute time in the zone and locale, with the zone named: "Sat 5 Dec 2026, 14:05 CET". */
export function formatAbsolute(instant: Date, { zone, locale }: TimeSettings): string {
  const format = remembered(
    absoluteFormats,
    `${locale}\u0000${zone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
      }),
  );
  return format.format(instant);
}

/** "just now", "3 min ago", "in 2 hr", "yesterday"… within a week of `now`; null further away. */
export function formatRelative(instant: Date, now: Date, { locale }: Pick<TimeSettings, "locale">): string | null {
  const difference = instant.getTime() - now.getTime();
  if (Math.abs(difference) >= RELATIVE_LIMIT_MS) return null;
  const format = remembered(relativeFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" }));
  for (const [unit, size] of UNITS) {
    const amount = Math.trunc(difference / size);
    if (amount !== 0) return format.format(amount, unit);
  }
  return format.format(0, "second");
}

export function describeTime(instant: Date, now: Date, settings: TimeSettings): TimeText {
  return { iso: instant.toISOString(), absolute: formatAbsolute(instant, settings), relative: formatRelative(instant, now, settings) };
}

/**
 * The viewer's language from an Accept-Language header: the first tag (by weight) that Intl can
 * format dates in, else DEFAULT_LOCALE. Only the header's first 20 entries are read.
 */
export function pickLocale(acceptLanguage: string | null | undefined): string {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const candidates = acceptLanguage
    .slice(0, 1_000)
    .split(",")
    .slice(0, 20)
    .map((entry, index) => {
      const [tag = "", ...parameters] = entry.trim().split(";");
      const weight = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: weight === undefined ? 1 : Number(weight), index };
    })
    .filter((candidate) => candidate.tag !== "" && candidate.tag !== "*" && candidate.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of candidates) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed language tag: try the next one.
    }
  }
  return DEFAULT_LOCALE;
}

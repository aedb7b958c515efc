import "server-only";
import { cookies, headers } from "next/headers";
import { pickLocale, type TimeSettings } from "../domain/time-display.ts";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "../domain/zoned-time.ts";

/** The cookie in which the browser reports its IANA time zone (components/time-zone-cookie.tsx). */
export const TIME_ZONE_COOKIE = "scholia_tz";

/** The viewer's time zone for showing dates: what their browser reported, else UTC. */
export async function getViewerTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return value && isValidTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

/**
 * The viewer's zone (their browser's cookie) and language (Accept-Language), for every time
 * shown, and the moment of this request: times are worded relative to it until the browser's
 * own clock takes over (components/time-display.tsx), so server and browser render alike.
 */
export async function getViewerTimeSettings(): Promise<TimeSettings & { renderedAt: number }> {
  const [zone, requestHeaders] = await Promise.all([getViewerTimeZone(), headers()]);
  return { zone, locale: pickLocale(requestHeaders.get("accept-language")), renderedAt: Date.now() };
}

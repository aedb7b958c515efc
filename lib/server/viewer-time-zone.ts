import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "../domain/zoned-time.ts";

/** The cookie in which the browser reports its IANA time zone (components/time-zone-cookie.tsx). */
export const TIME_ZONE_COOKIE = "scholia_tz";

/** The viewer's time zone for showing dates: what their browser reported, else UTC. */
export async function getViewerTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return value && isValidTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

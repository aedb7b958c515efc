import { formatInZone } from "@/lib/domain/zoned-time";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";

/**
 * A moment shown in the viewer's time zone, rendered on the server: the browser reports its zone
 * in a cookie (components/time-zone-cookie.tsx), so the first paint is already right.
 */
export async function LocalTime({ iso }: { iso: string }) {
  const zone = await getViewerTimeZone();
  return <time dateTime={iso}>{formatInZone(new Date(iso), zone)}</time>;
}

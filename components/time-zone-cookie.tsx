"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { browserTimeZone } from "./use-browser-time-zone";

const COOKIE = "scholia_tz";

/**
 * Tells the server the browser's time zone (a cookie), so dates are rendered in the viewer's
 * zone on the server: no flash of UTC, no hydration mismatch. Re-renders once when it changes.
 */
export function TimeZoneCookie({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = browserTimeZone();
    if (!zone || zone === current) return;
    document.cookie = `${COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}

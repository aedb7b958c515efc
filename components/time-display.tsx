"use client";

import "./time-display.css";
import { useSyncExternalStore } from "react";
import { describeTime } from "@/lib/domain/time-display";
import { useTimeSettings } from "./time-settings";

// The one way to show a moment (lib/domain/time-display.ts decides the words). The zone comes
// from the browser's cookie and the language from Accept-Language, both read on the server
// (app/layout.tsx, time-settings.tsx), so the first paint is already right; the relative words
// then follow the clock, minute by minute.

const MINUTE_MS = 60_000;

function subscribeToMinutes(onChange: () => void): () => void {
  const timer = setInterval(onChange, MINUTE_MS / 2);
  return () => clearInterval(timer);
}

/** The current minute; while hydrating, the minute the server rendered in (so both agree). */
function useNowMinute(renderedAt: number): number {
  return useSyncExternalStore(
    subscribeToMinutes,
    () => Math.floor(Date.now() / MINUTE_MS),
    () => Math.floor(renderedAt / MINUTE_MS),
  );
}

/**
 * A moment: relative when recent ("3 min ago"), with the absolute time in the viewer's zone on
 * hover and focus (a tooltip) and for screen readers (read after the relative words).
 */
export function TimeDisplay({ iso }: { iso: string | Date }) {
  const { zone, locale, renderedAt } = useTimeSettings();
  const minute = useNowMinute(renderedAt);
  const instant = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(instant.getTime())) return null;
  const text = describeTime(instant, new Date(minute * MINUTE_MS), { zone, locale });
  if (text.relative === null) return <time dateTime={text.iso}>{text.absolute}</time>;
  return (
    // Focusable so that a keyboard user can bring up the absolute time as a mouse user does.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <time dateTime={text.iso} className="time-relative" tabIndex={0} data-absolute={text.absolute} title={text.absolute}>
      {text.relative}
      <span className="visually-hidden"> ({text.absolute})</span>
    </time>
  );
}

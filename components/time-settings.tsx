"use client";

import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_LOCALE, type TimeSettings } from "@/lib/domain/time-display";

// The viewer's zone and language for TimeDisplay (time-display.tsx), provided by the root layout.
// Apart from it, so that every page's layout carries this context and not the formatting code,
// which loads only with what shows a time (issue #12).

export type TimeContextValue = TimeSettings & { renderedAt: number };

const TimeContext = createContext<TimeContextValue>({ zone: "UTC", locale: DEFAULT_LOCALE, renderedAt: 0 });

export function TimeSettingsProvider({ zone, locale, renderedAt, children }: TimeContextValue & { children: ReactNode }) {
  return <TimeContext value={{ zone, locale, renderedAt }}>{children}</TimeContext>;
}

export function useTimeSettings(): TimeContextValue {
  return useContext(TimeContext);
}

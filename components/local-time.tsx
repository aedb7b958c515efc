"use client";

import { useEffect, useState } from "react";

const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/**
 * A moment shown in the viewer's time zone. The server renders it in UTC (it cannot know the
 * viewer's zone); once in the browser it is re-rendered in the local zone, with the zone named.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => `${new Intl.DateTimeFormat("en-GB", { ...FORMAT, timeZone: "UTC" }).format(new Date(iso))} UTC`);
  useEffect(() => {
    const date = new Date(iso);
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? "";
    setText(`${new Intl.DateTimeFormat(undefined, FORMAT).format(date)}${zone ? ` ${zone}` : ""}`);
  }, [iso]);
  return <time dateTime={iso}>{text}</time>;
}

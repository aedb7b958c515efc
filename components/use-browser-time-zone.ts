"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/** The browser's IANA time zone ("" when it does not say). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
}

/**
 * The viewer's time zone: the server's guess (from the cookie) while rendering on the server and
 * hydrating, then the browser's own, which is sure (the cookie may predate a trip).
 */
export function useBrowserTimeZone(serverGuess: string): string {
  return useSyncExternalStore(
    subscribeToNothing,
    () => browserTimeZone() || serverGuess,
    () => serverGuess,
  );
}

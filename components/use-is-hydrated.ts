"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * False on the server and in the first (hydrating) render, true once JavaScript runs: controls
 * that need JavaScript render only then, so the page never shows a button that does nothing.
 * useSyncExternalStore rather than a mounted flag set in an effect: no second render pass.
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

"use client";

import { useEffect } from "react";

/**
 * A reading opened for an assignment of part of it starts at that part (#16.4): once, on load,
 * when the address names no paragraph of its own. Focus stays where the page put it.
 */
export function OpenAtAssigned({ position }: { position: number }) {
  useEffect(() => {
    if (window.location.hash !== "") return;
    document.getElementById(`p-${position}`)?.scrollIntoView({ block: "start" });
  }, [position]);
  return null;
}

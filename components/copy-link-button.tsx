"use client";

import { useEffect, useState } from "react";
import { useIsHydrated } from "./use-is-hydrated";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies the address of one place on the page: `anchor` on this page as it is (its context kept),
 * or `path` (a post's permanent link). It renders only once JavaScript runs (without it the
 * paragraph number is the link to copy), so the page never shows a button that does nothing.
 */
export function CopyLinkButton({
  anchor,
  path,
  label,
  describedBy,
}: {
  anchor: string;
  path?: string;
  /** Its accessible name; or, beside other buttons named by what they do, `describedBy` the post's label. */
  label?: string;
  describedBy?: string;
}) {
  const isHydrated = useIsHydrated();
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  if (!isHydrated) return null;

  const copy = async () => {
    const url = `${window.location.origin}${path ?? `${window.location.pathname}${window.location.search}#${anchor}`}`;
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      // Clipboard access can be refused (permissions, insecure context): put the link in the
      // address bar instead, where it can be copied by hand.
      window.history.replaceState(null, "", path ?? `#${anchor}`);
      setState("failed");
    }
  };

  return (
    <>
      <button type="button" className="copy-link" onClick={() => void copy()} aria-label={label} aria-describedby={describedBy}>
        {state === "copied" ? "Link copied" : "Copy link"}
      </button>
      <span role="status" className="visually-hidden">
        {state === "copied" ? "Link copied to the clipboard." : state === "failed" ? "Could not copy; the link is in the address bar." : ""}
      </span>
    </>
  );
}

"use client";

import "./copy-link-button.css";
import { useEffect, useState } from "react";
import { announce } from "./live-announcer";
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
      announce("Link copied to the clipboard.");
    } catch {
      // Clipboard access can be refused (permissions, insecure context): put the link in the
      // address bar instead, where it can be copied by hand.
      window.history.replaceState(null, "", path ?? `#${anchor}`);
      setState("failed");
      announce("Could not copy; the link is in the address bar.");
    }
  };

  // What happened is said by the page's one announcer (live-announcer.tsx), not a region per button.
  return (
    // An input, whose label is no text node: beside a paragraph it stays out of the reading's text (reading-view.tsx).
    <input
      type="button"
      className="copy-link"
      value={state === "copied" ? "Link copied" : "Copy link"}
      onClick={() => void copy()}
      aria-label={label}
      aria-describedby={describedBy}
    />
  );
}

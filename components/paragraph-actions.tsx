"use client";

import { CopyLinkButton } from "./copy-link-button";
import { requestCompose, requestThread } from "./compose-events";
import { useIsHydrated } from "./use-is-hydrated";

/**
 * Per-paragraph tools: copy its link, and comment on the paragraph as a whole (the keyboard and
 * screen-reader path that needs no text selection). Rendered only once JavaScript runs.
 */
export function ParagraphActions({ position, canAnnotate, postCount }: { position: number; canAnnotate: boolean; postCount: number }) {
  const isHydrated = useIsHydrated();
  return (
    <>
      <CopyLinkButton anchor={`p-${position}`} label={`Copy link to paragraph ${position}`} />
      {isHydrated && canAnnotate ? (
        <button
          type="button"
          className="copy-link"
          aria-label={`Comment on paragraph ${position}${postCount > 0 ? ` (${postCount} ${postCount === 1 ? "post" : "posts"})` : ""}`}
          onClick={(event) => requestCompose({ target: { paragraph: position }, quote: null, returnFocus: event.currentTarget })}
        >
          Comment on paragraph
        </button>
      ) : null}
      {isHydrated && canAnnotate ? (
        <button
          type="button"
          className="copy-link"
          aria-label={`Open the discussion on paragraph ${position} (${postCount} ${postCount === 1 ? "post" : "posts"})`}
          onClick={(event) => requestThread({ paragraph: position, returnFocus: event.currentTarget })}
        >
          Discussion ({postCount})
        </button>
      ) : null}
    </>
  );
}

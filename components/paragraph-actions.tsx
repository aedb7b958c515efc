"use client";

import { formatPostCount } from "@/lib/domain/discussion";
import { CopyLinkButton } from "./copy-link-button";
import { requestCompose, requestThread } from "./compose-events";
import { useIsHydrated } from "./use-is-hydrated";

/**
 * Per-paragraph tools: copy its link, and comment on the paragraph as a whole (the keyboard and
 * screen-reader path that needs no text selection). Rendered only once JavaScript runs.
 * `lockedCount`: post first keeps the paragraph's discussion closed to the reader until they post
 * on it, with that many posts waiting (null: open).
 */
export function ParagraphActions({
  position,
  canAnnotate,
  postCount,
  lockedCount = null,
}: {
  position: number;
  canAnnotate: boolean;
  postCount: number;
  lockedCount?: number | null;
}) {
  const isHydrated = useIsHydrated();
  const countLabel = lockedCount !== null ? `locked: ${lockedDiscussionMessage(lockedCount)}` : formatPostCount(postCount);
  return (
    <>
      <CopyLinkButton anchor={`p-${position}`} label={`Copy link to paragraph ${position}`} />
      {isHydrated && canAnnotate ? (
        <button
          type="button"
          className="copy-link"
          aria-label={`Comment on paragraph ${position}${lockedCount !== null || postCount > 0 ? ` (${countLabel})` : ""}`}
          onClick={(event) => requestCompose({ target: { paragraph: position }, quote: null, returnFocus: event.currentTarget })}
        >
          Comment on paragraph
        </button>
      ) : null}
      {isHydrated && canAnnotate ? (
        <button
          type="button"
          className="copy-link"
          aria-label={`Open the discussion on paragraph ${position} (${countLabel})`}
          onClick={(event) => requestThread({ paragraph: position, returnFocus: event.currentTarget })}
        >
          {lockedCount !== null ? "Discussion (locked)" : `Discussion (${postCount})`}
        </button>
      ) : null}
    </>
  );
}

/** What a post-first paragraph says while it is closed to the reader. */
export function lockedDiscussionMessage(lockedCount: number): string {
  return lockedCount > 0
    ? `Post on this paragraph to see your classmates’ ${formatPostCount(lockedCount)}.`
    : "Post on this paragraph to see your classmates’ posts (none yet).";
}

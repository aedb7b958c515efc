"use client";

import { useRef, useState } from "react";
import { formatPostCount } from "@/lib/domain/discussion";
import { CopyLinkButton } from "./copy-link-button";
import { requestCompose, requestThread } from "./compose-events";
import { PassagePicker } from "./passage-picker";
import { useIsHydrated } from "./use-is-hydrated";
import { useRovingFocus } from "./use-roving-focus";
import "./reading-tools.css";

/**
 * Per-paragraph tools: copy its link, select sentences or words to annotate (the keyboard and
 * screen-reader path that needs no text selection), comment on the paragraph as a whole, open its
 * discussion. One toolbar, so one Tab stop per paragraph (arrow keys move inside). Rendered only
 * once JavaScript runs.
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
  const toolbarRef = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus(toolbarRef);
  const [isPicking, setIsPicking] = useState(false);
  const pickerOpener = useRef<HTMLButtonElement>(null);
  const countLabel = lockedCount !== null ? `locked: ${lockedDiscussionMessage(lockedCount)}` : formatPostCount(postCount);
  return (
    <>
      {isHydrated ? (
        <div
          className="paragraph-actions"
          role="toolbar"
          aria-label={`Paragraph ${position}`}
          ref={toolbarRef}
          onKeyDown={roving.onKeyDown}
          onFocus={roving.onFocus}
        >
          <CopyLinkButton anchor={`p-${position}`} label={`Copy link to paragraph ${position}`} />
          {isHydrated && canAnnotate ? (
            <button
              ref={pickerOpener}
              type="button"
              className="copy-link"
              aria-label={`Select text in paragraph ${position} to annotate`}
              aria-expanded={isPicking}
              onClick={() => setIsPicking((open) => !open)}
            >
              Select text
            </button>
          ) : null}
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
        </div>
      ) : null}
      {isPicking ? <PassagePicker position={position} opener={pickerOpener} onClose={() => setIsPicking(false)} /> : null}
    </>
  );
}

/** What a post-first paragraph says while it is closed to the reader. */
export function lockedDiscussionMessage(lockedCount: number): string {
  return lockedCount > 0
    ? `Post on this paragraph to see your classmates’ ${formatPostCount(lockedCount)}.`
    : "Post on this paragraph to see your classmates’ posts (none yet).";
}

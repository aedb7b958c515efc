"use client";

import "./copy-link-button.css";
import { useEffect, useRef, useState } from "react";
import { formatPostCount } from "@/lib/domain/discussion";
import { CopyLinkButton } from "./copy-link-button";
import { requestCompose, requestThread } from "./compose-events";
import { focusParagraphTools, PARAGRAPH_KEYS_HINT_ID, PARAGRAPH_TOOLS_ATTRIBUTE, paragraphStep } from "./paragraph-navigation";
import type { PassagePicker as PassagePickerComponent } from "./passage-picker";
import { useIsHydrated } from "./use-is-hydrated";
import { useRovingFocus } from "./use-roving-focus";
import "./reading-tools.css";

type Picker = typeof PassagePickerComponent;

/**
 * The passage picker (text segmentation, the annotation labels) is not in the page's first load: a
 * reader who cannot annotate never loads it (issue #12). One who can fetches it once the page is
 * interactive, so that "Select text" opens it at once and no key pressed right after is lost.
 */
let loadedPicker: Picker | undefined;
let loadingPicker: Promise<Picker> | undefined;
function loadPicker(): Promise<Picker> {
  loadingPicker ??= import("./passage-picker").then(
    (module) => (loadedPicker = module.PassagePicker),
    (error: unknown) => {
      loadingPicker = undefined;
      throw error;
    },
  );
  return loadingPicker;
}

/**
 * Per-paragraph tools: select sentences or words to annotate (the keyboard and screen-reader path
 * that needs no text selection), comment on the paragraph as a whole, open its discussion, copy its
 * link. One toolbar, so one Tab stop per paragraph: Left/Right move inside, Up/Down go to the
 * previous/next paragraph's tools (paragraph-navigation.ts). Rendered only once JavaScript runs.
 * Its buttons are <input type="button">, whose labels are values, not text nodes: the reading's
 * text container holds the reading's text and nothing else (reading-view.tsx).
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
  const [PassagePicker, setPassagePicker] = useState<Picker | undefined>(() => loadedPicker);
  useEffect(() => {
    if (!canAnnotate || PassagePicker) return;
    let isCurrent = true;
    loadPicker().then(
      (picker) => isCurrent && setPassagePicker(() => picker),
      () => {}, // offline: tried again on the next render that needs it
    );
    return () => {
      isCurrent = false;
    };
  }, [canAnnotate, PassagePicker, isPicking]);
  const pickerOpener = useRef<HTMLInputElement>(null);
  const countLabel = lockedCount !== null ? `locked: ${lockedDiscussionMessage(lockedCount)}` : formatPostCount(postCount);
  return (
    <>
      {isHydrated ? (
        <div
          className="paragraph-actions"
          role="toolbar"
          aria-label={`Paragraph ${position}`}
          aria-describedby={PARAGRAPH_KEYS_HINT_ID}
          {...{ [PARAGRAPH_TOOLS_ATTRIBUTE]: position }}
          ref={toolbarRef}
          onKeyDown={(event) => {
            const step = paragraphStep(event);
            if (step !== 0) {
              if (focusParagraphTools(position, step)) event.preventDefault();
              return;
            }
            roving.onKeyDown(event);
          }}
          onFocus={roving.onFocus}
        >
          {/* The way to annotate without a text selection comes first: it is where the stop rests. */}
          {canAnnotate ? (
            <input
              ref={pickerOpener}
              type="button"
              className="copy-link"
              value="Select text"
              aria-label={`Select text in paragraph ${position} to annotate`}
              aria-expanded={isPicking}
              onClick={() => setIsPicking((open) => !open)}
            />
          ) : null}
          {canAnnotate ? (
            <input
              type="button"
              className="copy-link"
              value="Comment on paragraph"
              aria-label={`Comment on paragraph ${position}${lockedCount !== null || postCount > 0 ? ` (${countLabel})` : ""}`}
              onClick={(event) => requestCompose({ target: { paragraph: position }, quote: null, returnFocus: event.currentTarget })}
            />
          ) : null}
          {canAnnotate ? (
            <input
              type="button"
              className="copy-link"
              value={lockedCount !== null ? "Discussion (locked)" : `Discussion (${postCount})`}
              aria-label={`Open the discussion on paragraph ${position} (${countLabel})`}
              onClick={(event) => requestThread({ paragraph: position, returnFocus: event.currentTarget })}
            />
          ) : null}
          <CopyLinkButton anchor={`p-${position}`} label={`Copy link to paragraph ${position}`} />
        </div>
      ) : null}
      {isPicking && PassagePicker ? <PassagePicker position={position} opener={pickerOpener} onClose={() => setIsPicking(false)} /> : null}
    </>
  );
}

/** What a post-first paragraph says while it is closed to the reader. */
export function lockedDiscussionMessage(lockedCount: number): string {
  return lockedCount > 0
    ? `Post on this paragraph to see your classmates’ ${formatPostCount(lockedCount)}.`
    : "Post on this paragraph to see your classmates’ posts (none yet).";
}

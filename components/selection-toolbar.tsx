"use client";

import "./highlights.css";
import "./selection-toolbar.css";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { ANNOTATION_COLORS, type AnnotationColor } from "@/lib/domain/annotation-constants";
import { DEFAULT_HIGHLIGHT_COLOR, VISIBILITY_LABEL } from "@/lib/domain/annotation-labels";
import type { Visibility } from "@/lib/domain/permissions";
import { requestCompose } from "./compose-events";
import { useRovingFocus } from "./use-roving-focus";

type SelectedRange = { start: number; end: number; quote: string; rect: { top: number; left: number } };

/** Canonical offset of a DOM boundary in the reading (paragraph <p data-offset> elements). */
function boundaryOffset(node: Node, offset: number): number | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  // A boundary in the blank line between two paragraphs (a text node of the list) ends the one before.
  const isSeparator = node.nodeType === Node.TEXT_NODE && element?.hasAttribute("data-reading-text");
  const item = isSeparator ? (node.previousSibling instanceof Element ? node.previousSibling : null) : element?.closest("li.paragraph");
  const paragraph = item?.querySelector<HTMLElement>("p[data-offset]");
  if (!paragraph) return null;
  const base = Number(paragraph.dataset.offset);
  if (paragraph.contains(node)) {
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, offset);
    return base + range.toString().length;
  }
  // The boundary sits in the paragraph's number or tools: before or after its text.
  const relation = paragraph.compareDocumentPosition(node);
  return relation & Node.DOCUMENT_POSITION_PRECEDING ? base : base + (paragraph.textContent ?? "").length;
}

function readSelection(): SelectedRange | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const text = document.querySelector("[data-reading-text]");
  if (!text || !text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
  const start = boundaryOffset(range.startContainer, range.startOffset);
  const end = boundaryOffset(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const quote = selection.toString().replace(/\s+/g, " ").trim();
  if (!quote) return null;
  const box = range.getBoundingClientRect();
  return { start, end, quote, rect: { top: box.top + window.scrollY, left: box.left + window.scrollX + box.width / 2 } };
}

/**
 * Appears when text of the reading is selected, by mouse, touch or keyboard (caret browsing):
 * highlight in a colour or comment. Alt+Shift+H highlights, Alt+Shift+C comments, Alt+Shift+A
 * moves focus to the toolbar. A toolbar as the APG has it (#15.3): one Tab stop, arrow keys
 * between its buttons, Escape closes it and gives focus back; it sits in its own labelled region,
 * and never past the edges of a narrow screen.
 */
export function SelectionToolbar({
  highlightVisibility,
  highlightVisibilities = [],
  onHighlightVisibilityChange,
}: {
  /** Who a new highlight is shared with (#13.2), and the choices the context allows. */
  highlightVisibility?: Visibility;
  highlightVisibilities?: readonly Visibility[];
  onHighlightVisibilityChange?: (visibility: Visibility) => void;
} = {}) {
  const [selected, setSelected] = useState<SelectedRange | null>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus(toolbarRef);
  const lastSelection = useRef<SelectedRange | null>(null);
  // Where focus was before Alt+Shift+A (caret browsing leaves it in the text): Escape goes back there.
  const focusBefore = useRef<HTMLElement | null>(null);
  const [shift, setShift] = useState({ x: 0, below: false });

  useEffect(() => {
    const update = () => {
      const next = readSelection();
      // Focus moving into the toolbar collapses nothing, but keep the last range while it is used.
      if (!next && toolbarRef.current?.contains(document.activeElement)) return;
      lastSelection.current = next;
      setSelected(next);
    };
    document.addEventListener("selectionchange", update);
    // A selection made before this script was ready counts too.
    update();
    return () => document.removeEventListener("selectionchange", update);
  }, []);

  const act = useCallback((highlightColor?: AnnotationColor) => {
    const range = lastSelection.current;
    if (!range) return;
    requestCompose({
      target: { start: range.start, end: range.end },
      quote: range.quote,
      returnFocus: document.querySelector<HTMLElement>(`#p-${findParagraphNumber(range.start)} .paragraph-number`),
      highlightColor,
    });
    window.getSelection()?.removeAllRanges();
    setSelected(null);
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || !event.shiftKey || !lastSelection.current) return;
      const key = event.code;
      if (key === "KeyH") {
        event.preventDefault();
        act(DEFAULT_HIGHLIGHT_COLOR);
      } else if (key === "KeyC") {
        event.preventDefault();
        act();
      } else if (key === "KeyA") {
        event.preventDefault();
        focusBefore.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        toolbarRef.current?.querySelector<HTMLElement>("button[tabindex='0']")?.focus();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [act]);

  // Kept on screen: moved sideways off a narrow screen's edges, and below the text at the top.
  // Measured once per selection, from where the toolbar stands unshifted: its width does not depend
  // on where it stands (CSS: width max-content), so one measurement settles it. (Measuring again
  // after each shift, as before, never settled when the wrapped width changed with the position:
  // React stopped the loop with "Maximum update depth exceeded" and the toolbar never showed.)
  const shiftRef = useRef(shift);
  useLayoutEffect(() => {
    const box = toolbarRef.current?.getBoundingClientRect();
    if (!box || !selected) return;
    const margin = 8;
    const applied = shiftRef.current.x;
    const overflowLeft = margin - (box.left - applied);
    const overflowRight = box.right - applied - (document.documentElement.clientWidth - margin);
    const x = Math.round(overflowLeft > 0 ? overflowLeft : overflowRight > 0 ? -overflowRight : 0);
    const below = selected.rect.top - window.scrollY < box.height + margin * 2;
    if (x === shiftRef.current.x && below === shiftRef.current.below) return;
    shiftRef.current = { x, below };
    setShift(shiftRef.current);
  }, [selected]);

  /** Closes the toolbar and the selection; focus goes back to where it was, else to the selection's paragraph. */
  const dismiss = () => {
    const range = lastSelection.current;
    const back =
      focusBefore.current && focusBefore.current !== document.body && document.contains(focusBefore.current)
        ? focusBefore.current
        : range
          ? document.querySelector<HTMLElement>(`#p-${findParagraphNumber(range.start)} .paragraph-number`)
          : null;
    lastSelection.current = null;
    window.getSelection()?.removeAllRanges();
    setSelected(null);
    back?.focus();
  };

  const onToolbarKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dismiss();
      return;
    }
    // The toolbar lives at the end of the page: Tab goes on from the selection's paragraph, not off the page.
    if (event.key === "Tab" && lastSelection.current) {
      const item = document.getElementById(`p-${findParagraphNumber(lastSelection.current.start)}`);
      const target = event.shiftKey
        ? item?.querySelector<HTMLElement>(".paragraph-number")
        : (item?.querySelector<HTMLElement>(".paragraph-tools [tabindex='0']") ??
          item?.nextElementSibling?.querySelector<HTMLElement>("a"));
      if (target) {
        event.preventDefault();
        target.focus();
      }
      return;
    }
    roving.onKeyDown(event);
  };

  if (!selected) return null;
  return (
    <section className="selection-toolbar-region" aria-label="Selection tools">
      <div
        ref={toolbarRef}
        className="selection-toolbar"
        role="toolbar"
        aria-label="Annotate the selected text"
        style={{
          top: selected.rect.top,
          left: selected.rect.left + shift.x,
          transform: shift.below ? "translate(-50%, 1.75rem)" : undefined,
        }}
        onKeyDown={onToolbarKeyDown}
        onFocus={roving.onFocus}
        // Keep the text selected while a button is pressed with the mouse.
        onMouseDown={(event) => event.preventDefault()}
      >
        {ANNOTATION_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            className={`swatch hl-${color}`}
            aria-label={`Highlight ${color}`}
            title={`Highlight ${color} (Alt+Shift+H for ${DEFAULT_HIGHLIGHT_COLOR})`}
            onClick={() => act(color)}
          >
            <span aria-hidden="true">A</span>
          </button>
        ))}
        {highlightVisibility && highlightVisibilities.length > 1 && onHighlightVisibilityChange ? (
          <span role="group" aria-label="New highlights visible to" className="toolbar-visibility">
            {highlightVisibilities.map((visibility) => (
              <button
                key={visibility}
                type="button"
                aria-pressed={visibility === highlightVisibility}
                onClick={() => onHighlightVisibilityChange(visibility)}
              >
                {VISIBILITY_LABEL[visibility]}
              </button>
            ))}
          </span>
        ) : null}
        <button type="button" className="toolbar-comment" onClick={() => act()} title="Comment (Alt+Shift+C)">
          Comment
        </button>
      </div>
    </section>
  );
}

function findParagraphNumber(offset: number): number {
  const paragraphs = [...document.querySelectorAll<HTMLElement>("p[data-offset]")];
  let found = 1;
  for (const paragraph of paragraphs) {
    if (Number(paragraph.dataset.offset) <= offset) found = Number(paragraph.dataset.paragraph);
  }
  return found;
}

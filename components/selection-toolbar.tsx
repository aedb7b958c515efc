"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ANNOTATION_COLORS, type AnnotationColor } from "@/lib/domain/annotation-input";
import { DEFAULT_HIGHLIGHT_COLOR, VISIBILITY_LABEL } from "@/lib/domain/annotation-labels";
import type { Visibility } from "@/lib/domain/permissions";
import { requestCompose } from "./compose-events";

type SelectedRange = { start: number; end: number; quote: string; rect: { top: number; left: number } };

/** Canonical offset of a DOM boundary in the reading (paragraph <p data-offset> elements). */
function boundaryOffset(node: Node, offset: number): number | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const item = element?.closest("li.paragraph");
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
 * moves focus to the toolbar.
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
  const lastSelection = useRef<SelectedRange | null>(null);

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
        toolbarRef.current?.querySelector("button")?.focus();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [act]);

  if (!selected) return null;
  return (
    <div
      ref={toolbarRef}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Annotate the selected text"
      // Centred over the selection, but never past the screen's edges (a phone is ~20rem wide).
      style={{ top: selected.rect.top, left: `clamp(8rem, ${selected.rect.left}px, calc(100vw - 8rem))` }}
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

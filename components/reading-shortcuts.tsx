"use client";

import { useEffect, useRef } from "react";
import "./reading-tools.css";

const SHORTCUTS: [keys: string, what: string][] = [
  ["?", "Show these shortcuts (not while typing)"],
  ["Alt+Shift+N / Alt+Shift+P", "Next / previous highlight in the text"],
  ["Enter (on a highlight)", "Open its post in the margin; Escape there goes back to the highlight"],
  [
    "Left / Right",
    "Move inside a toolbar (a paragraph's tools, a post's actions, the selection toolbar) or between a paragraph's highlights",
  ],
  ["Select text (a paragraph's tools)", "Choose sentences or words: arrows move, Shift+arrows extend, W words, S sentences"],
  ["H / C or Enter (choosing text)", "Highlight / comment on what is chosen"],
  ["Alt+Shift+A, H, C (with a selection)", "Focus the selection toolbar, highlight, comment"],
  ["Escape", "Close the toolbar, the picker or the composer; focus goes back where it was"],
  ["Control+Enter (in the editor)", "Post"],
];

/**
 * The reading page's keyboard help (a modal dialog, opened by its button or "?") and the keys
 * that move between highlights across paragraphs (Alt+Shift+N / P).
 */
export function ReadingShortcuts() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const open = () => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.showModal();
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(target) && !dialogRef.current?.open) {
        event.preventDefault();
        returnFocus.current = target;
        dialogRef.current?.showModal();
        return;
      }
      if (event.altKey && event.shiftKey && (event.code === "KeyN" || event.code === "KeyP")) {
        event.preventDefault();
        focusNextMark(target, event.code === "KeyN" ? 1 : -1);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      <button type="button" className="link-button" onClick={open}>
        Keyboard shortcuts
      </button>
      <dialog
        ref={dialogRef}
        className="shortcuts-dialog"
        aria-labelledby="reading-shortcuts-heading"
        onClose={() => returnFocus.current?.focus()}
      >
        <h2 id="reading-shortcuts-heading">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" className="button">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}

function isTyping(target: HTMLElement | null): boolean {
  return (
    target !== null && (target.isContentEditable || target.closest("input, textarea, select, [role='listbox'], [contenteditable]") !== null)
  );
}

/** The highlight after (or before) the focused element in the page's order, wrapping around. */
function focusNextMark(from: HTMLElement | null, step: 1 | -1): void {
  const marks = [...document.querySelectorAll<HTMLElement>("[data-reading-text] mark.hl")];
  if (marks.length === 0) return;
  const origin = from && from !== document.body ? from : null;
  const after = (mark: HTMLElement) =>
    origin === null || origin === mark ? false : Boolean(origin.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
  let next: HTMLElement | undefined;
  if (step === 1) next = marks.find((mark) => after(mark)) ?? marks[0];
  else next = [...marks].reverse().find((mark) => mark !== origin && !after(mark) && !mark.contains(origin)) ?? marks.at(-1);
  if (!next) return;
  // The paragraph's highlights are one Tab stop: the one reached keeps it.
  next
    .closest("p")
    ?.querySelectorAll<HTMLElement>("mark.hl")
    .forEach((mark) => (mark.tabIndex = mark === next ? 0 : -1));
  next.focus();
}

"use client";

import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import "./reading-tools.css";

/** Where the reader's choice about single-character shortcuts is kept (this browser). */
const SINGLE_KEYS_STORAGE_KEY = "scholia:single-key-shortcuts";

const SHORTCUTS: [keys: string, what: string][] = [
  ["?", "Show these shortcuts (not while typing; can be turned off below)"],
  ["Skip to text", "The first link in the page's content: goes past the header to the paragraphs"],
  ["Up / Down (a paragraph's tools or highlights)", "The previous / next paragraph's tools"],
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
 * that move between highlights across paragraphs (Alt+Shift+N / P). "?" is the page's one
 * single-character shortcut: WCAG 2.1.4 wants a way to turn it off (speech input users say words
 * that type it), so the dialog has a switch, remembered in this browser.
 */
export function ReadingShortcuts() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const isSingleKeyOn = useSyncExternalStore(subscribeToSingleKeyChoice, readSingleKeyChoice, () => true);
  const switchId = useId();

  const open = () => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.showModal();
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (
        event.key === "?" &&
        readSingleKeyChoice() &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !isTyping(target) &&
        !dialogRef.current?.open
      ) {
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
        <p className="shortcuts-switch">
          <input type="checkbox" id={switchId} checked={isSingleKeyOn} onChange={(event) => chooseSingleKey(event.target.checked)} />{" "}
          <label htmlFor={switchId}>Single-character shortcut: “?” opens this list</label>
        </p>
        <p className="meta">
          Turn it off if you use speech input or it gets in your way; this browser remembers. The “Keyboard shortcuts” button always opens
          this list.
        </p>
        <form method="dialog">
          <button type="submit" className="button">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}

const SINGLE_KEYS_CHANGED = "scholia:single-key-shortcuts";

function chooseSingleKey(isOn: boolean): void {
  try {
    window.localStorage.setItem(SINGLE_KEYS_STORAGE_KEY, isOn ? "on" : "off");
  } catch {
    // Storage refused (private mode, quota): nothing is remembered, and the shortcut stays on.
  }
  window.dispatchEvent(new Event(SINGLE_KEYS_CHANGED));
}

/** The choice changes here (the switch) or in another tab of this browser (a storage event). */
function subscribeToSingleKeyChoice(onChange: () => void): () => void {
  window.addEventListener(SINGLE_KEYS_CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(SINGLE_KEYS_CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function readSingleKeyChoice(): boolean {
  try {
    return window.localStorage.getItem(SINGLE_KEYS_STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Focus in a text field (or a widget whose letters mean something): single keys are its own. */
function isTyping(target: HTMLElement | null): boolean {
  return (
    target !== null &&
    (target.isContentEditable ||
      // Buttons drawn as <input type="button"> (the paragraph tools) take no letters.
      target.closest(
        "input:not([type='button'], [type='submit'], [type='reset'], [type='checkbox'], [type='radio']), textarea, select, [role='listbox'], [role='textbox'], [role='combobox'], [contenteditable]",
      ) !== null)
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

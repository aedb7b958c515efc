"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { DEFAULT_HIGHLIGHT_COLOR } from "@/lib/domain/annotation-labels";
import { firstWords, segmentText, spanOfUnits, unitAt, type TextUnitKind } from "@/lib/domain/text-units";
import { requestCompose } from "./compose-events";

type PassagePickerProps = {
  position: number;
  /** The button that opened the picker: focus goes back there when it closes. */
  opener: RefObject<HTMLElement | null>;
  onClose: () => void;
};

const UNIT_NAME: Record<TextUnitKind, [string, string]> = { sentence: ["Sentence", "Sentences"], word: ["Word", "Words"] };

/**
 * Choosing a passage of a paragraph without the browser's selection (issue #15.1), so it works by
 * keyboard alone and in a screen reader's focus mode: the paragraph's sentences (or words) are the
 * options of a listbox; arrow keys move, Shift+arrows extend, W and S switch to words and back,
 * H highlights and C or Enter comments. The result is the same target a mouse selection gives.
 */
export function PassagePicker({ position, opener, onClose }: PassagePickerProps) {
  const [source] = useState(() => readParagraph(position));
  const [kind, setKind] = useState<TextUnitKind>("sentence");
  const units = useMemo(() => (source ? segmentText(source.text, kind, document.documentElement.lang || undefined) : []), [source, kind]);
  const [range, setRange] = useState({ anchor: 0, focus: 0 });
  const [announcement, setAnnouncement] = useState("");
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => listRef.current?.focus(), []);

  const from = Math.min(range.anchor, range.focus);
  const to = Math.max(range.anchor, range.focus);
  const span = source ? spanOfUnits(source.text, units, from, to) : null;

  const describe = (nextKind: TextUnitKind, count: number, first: number, last: number, text: string) =>
    first === last
      ? `${UNIT_NAME[nextKind][0]} ${first + 1} of ${count}: ${firstWords(text)}`
      : `${UNIT_NAME[nextKind][1]} ${first + 1} to ${last + 1} of ${count} selected: ${firstWords(text)}`;

  const moveTo = (anchor: number, focus: number) => {
    if (!source) return;
    const bounded = (index: number) => Math.max(0, Math.min(units.length - 1, index));
    const next = { anchor: bounded(anchor), focus: bounded(focus) };
    setRange(next);
    const first = Math.min(next.anchor, next.focus);
    const last = Math.max(next.anchor, next.focus);
    setAnnouncement(describe(kind, units.length, first, last, spanOfUnits(source.text, units, first, last)?.text ?? ""));
  };

  const switchTo = (nextKind: TextUnitKind) => {
    if (!source || nextKind === kind || !span) return;
    // The same passage, now counted in the other unit: from the unit holding its start to the one holding its end.
    const nextUnits = segmentText(source.text, nextKind, document.documentElement.lang || undefined);
    const anchor = unitAt(nextUnits, span.start);
    const focus = nextKind === "word" ? anchor : unitAt(nextUnits, span.end - 1);
    setKind(nextKind);
    setRange({ anchor, focus });
    const text = spanOfUnits(source.text, nextUnits, anchor, focus)?.text ?? "";
    setAnnouncement(
      `${UNIT_NAME[nextKind][1]}. ${describe(nextKind, nextUnits.length, Math.min(anchor, focus), Math.max(anchor, focus), text)}`,
    );
  };

  const close = () => {
    onClose();
    requestAnimationFrame(() => opener.current?.focus());
  };

  const act = (isHighlight: boolean) => {
    if (!source || !span) return;
    requestCompose({
      target: { start: source.offset + span.start, end: source.offset + span.end },
      quote: span.text,
      returnFocus: opener.current,
      highlightColor: isHighlight ? DEFAULT_HIGHLIGHT_COLOR : undefined,
    });
    onClose();
    if (isHighlight) requestAnimationFrame(() => opener.current?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey) return;
    const step =
      event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : event.key === "ArrowLeft" || event.key === "ArrowUp" ? -1 : 0;
    let handled = true;
    if (step !== 0 && event.ctrlKey && kind === "sentence") switchTo("word");
    else if (step !== 0) moveTo(event.shiftKey ? range.anchor : range.focus + step, range.focus + step);
    else if (event.key === "Home") moveTo(event.shiftKey ? range.anchor : 0, 0);
    else if (event.key === "End") moveTo(event.shiftKey ? range.anchor : units.length - 1, units.length - 1);
    else if (event.ctrlKey) handled = false;
    else if (event.key === "w" || event.key === "W") switchTo("word");
    else if (event.key === "s" || event.key === "S") switchTo("sentence");
    else if (event.key === "h" || event.key === "H") act(true);
    else if (event.key === "c" || event.key === "C" || event.key === "Enter") act(false);
    else if (event.key === "Escape") close();
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  if (!source || units.length === 0) return null;
  const optionId = (index: number) => `${id}-unit-${index}`;
  return (
    <div className="passage-picker" role="group" aria-labelledby={`${id}-heading`}>
      <p id={`${id}-heading`} className="passage-picker-heading">
        Select text in paragraph {position}
      </p>
      <p id={`${id}-help`} className="meta">
        Arrow keys move by {kind}, Shift+arrows extend, {kind === "sentence" ? "W or Ctrl+arrows: words" : "S: sentences"}. H highlights, C
        or Enter comments, Escape closes.
      </p>
      <div
        ref={listRef}
        className="passage-picker-text"
        role="listbox"
        tabIndex={0}
        aria-multiselectable="true"
        aria-label={`${UNIT_NAME[kind][1]} of paragraph ${position}`}
        aria-describedby={`${id}-help`}
        aria-activedescendant={optionId(range.focus)}
        onKeyDown={onKeyDown}
        // A click (or tap) on a unit chooses it; Shift+click extends to it.
        onClick={(event) => {
          const index = Number((event.target as HTMLElement).closest<HTMLElement>("[data-unit]")?.dataset.unit);
          if (Number.isInteger(index)) moveTo(event.shiftKey ? range.anchor : index, index);
        }}
      >
        {units.map((unit, index) => (
          <span
            key={`${kind}-${unit.start}`}
            id={optionId(index)}
            role="option"
            aria-selected={index >= from && index <= to}
            className={`passage-unit${index === range.focus ? " is-current" : ""}`}
            data-unit={index}
          >
            {unit.text}
            {/* The text between this unit and the next (spaces, punctuation between words), as printed. */}
            <span aria-hidden="true">{source.text.slice(unit.end, units[index + 1]?.start ?? unit.end)}</span>
          </span>
        ))}
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={() => act(true)}>
          Highlight
        </button>
        <button type="button" className="button" onClick={() => act(false)}>
          Comment
        </button>
        <button type="button" className="button button-secondary" onClick={() => switchTo(kind === "sentence" ? "word" : "sentence")}>
          {kind === "sentence" ? "By words" : "By sentences"}
        </button>
        <button type="button" className="button button-secondary" onClick={close}>
          Close
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

/** The paragraph's text as printed (highlights add no text) and its offset in the reading. */
function readParagraph(position: number): { text: string; offset: number } | null {
  const paragraph = document.querySelector<HTMLElement>(`#p-${position} p[data-offset]`);
  if (!paragraph) return null;
  return { text: paragraph.textContent ?? "", offset: Number(paragraph.dataset.offset) };
}

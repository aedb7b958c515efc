// Sentences and words of a paragraph, for choosing a passage without the browser's selection
// (issue #15.1: the sentence picker). Boundaries come from Intl.Segmenter, so every language the
// runtime knows is cut by its own rules, not by a regular expression.

export type TextUnitKind = "sentence" | "word";

/** A unit of the text: [start, end) offsets into it, with surrounding whitespace left out. */
export type TextUnit = { start: number; end: number; text: string };

/**
 * The paragraph's sentences, or its words (runs of letters or digits; punctuation between them is
 * not a word but is kept inside a range that spans it). Whitespace-only segments are dropped.
 */
export function segmentText(text: string, kind: TextUnitKind, locale?: string): TextUnit[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: kind });
  const units: TextUnit[] = [];
  for (const segment of segmenter.segment(text)) {
    if (kind === "word" && !segment.isWordLike) continue;
    const leading = segment.segment.length - segment.segment.trimStart().length;
    const trimmed = segment.segment.trim();
    if (!trimmed) continue;
    const start = segment.index + leading;
    units.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return units;
}

/** The passage from unit `from` to unit `to` (either order, both included), as offsets and its text. */
export function spanOfUnits(text: string, units: readonly TextUnit[], from: number, to: number): TextUnit | null {
  const first = units[Math.min(from, to)];
  const last = units[Math.max(from, to)];
  if (!first || !last) return null;
  return { start: first.start, end: last.end, text: text.slice(first.start, last.end) };
}

/** The unit holding (or nearest after) an offset: how a sentence range becomes a word range and back. */
export function unitAt(units: readonly TextUnit[], offset: number): number {
  const index = units.findIndex((unit) => unit.end > offset);
  return index === -1 ? Math.max(0, units.length - 1) : index;
}

/** "The rapid development of…": the first words of a unit, for announcing it. */
export function firstWords(text: string, count = 8): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(" ")}…` : words.join(" ");
}

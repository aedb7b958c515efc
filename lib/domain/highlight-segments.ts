// Cuts a paragraph's text into the segments a painter wraps in <mark> elements: wherever a
// highlight starts or ends, a new segment begins, and each segment lists the highlights that
// cover it. Pure string and offset work; the server renders the result (see docs/ARCHITECTURE.md, "Targets
// and anchoring").
//
// Ranges come from stored annotations, so nothing about them is trusted: they may overlap, nest,
// cross paragraph boundaries, be empty, reversed or out of bounds. Empty, reversed and
// non-integer ranges paint nothing and are ignored.
//
// Cost: sorting is O(k log k) for k ranges and the sweep is linear in the paragraph's boundaries
// plus the size of the output (the ids listed in every segment). Output can itself be large — k
// nested ranges give ~2k segments listing up to k ids each — but no work beyond writing it is
// quadratic.

export type HighlightRange = {
  id: string;
  /** Offset into the reading's canonical text of the first highlighted character. */
  start: number;
  /** Offset just past the last highlighted character (exclusive). */
  end: number;
  color?: string | null;
};

export type TextSegment = {
  /** Offsets relative to the paragraph's text; end exclusive. */
  start: number;
  end: number;
  text: string;
  /** The ranges covering this segment, by range start, then id (then input order). */
  annotationIds: string[];
};

export type ParagraphSpan = { startOffset: number; text: string };

/**
 * The paragraph's text as consecutive segments covering it exactly once, cut at every boundary
 * of a range that overlaps it (ranges are clipped to the paragraph). Text with no range over it
 * is one segment with no ids. An empty paragraph has no segments.
 */
export function segmentParagraph(paragraph: ParagraphSpan, ranges: readonly HighlightRange[]): TextSegment[] {
  const { text } = paragraph;
  const length = text.length;
  if (length === 0) return [];

  type Clipped = { id: string; start: number; from: number; to: number };
  const clipped: Clipped[] = [];
  for (const range of ranges) {
    if (!isPaintable(range)) continue;
    const from = Math.max(range.start - paragraph.startOffset, 0);
    const to = Math.min(range.end - paragraph.startOffset, length);
    if (from < to) clipped.push({ id: range.id, start: range.start, from, to });
  }
  if (clipped.length === 0) return [{ start: 0, end: length, text, annotationIds: [] }];

  // Sorting by the range's own start also sorts by its clipped start (clipping is monotone), so
  // ranges open in id order: a newly opened range always belongs at the end of the active list.
  const opening = sortStable(clipped, (a, b) => a.start - b.start || compareIds(a.id, b.id));
  const closing = sortStable(
    opening.map((_, index) => index),
    (a, b) => opening[a]!.to - opening[b]!.to,
  );
  const isClosed = new Uint8Array(opening.length);

  const segments: TextSegment[] = [];
  let active: number[] = [];
  let nextOpen = 0;
  let nextClose = 0;
  let position = 0;
  while (position < length) {
    while (nextClose < closing.length && opening[closing[nextClose]!]!.to <= position) {
      isClosed[closing[nextClose]!] = 1;
      nextClose += 1;
    }
    while (nextOpen < opening.length && opening[nextOpen]!.from <= position) {
      active.push(nextOpen);
      nextOpen += 1;
    }
    // Closed ranges leave the active list when the next segment is written; each is dropped once.
    active = active.filter((index) => isClosed[index] === 0);

    const nextBoundary = Math.min(
      length,
      opening[nextOpen]?.from ?? length,
      nextClose < closing.length ? opening[closing[nextClose]!]!.to : length,
    );
    segments.push({
      start: position,
      end: nextBoundary,
      text: text.slice(position, nextBoundary),
      annotationIds: active.map((index) => opening[index]!.id),
    });
    position = nextBoundary;
  }
  return segments;
}

/**
 * For each paragraph (by index in `paragraphs`), the ranges that overlap it, unclipped and in
 * (start, id) order. A range crossing a paragraph break is listed under every paragraph it
 * touches; a range falling only between paragraphs, or outside the text, under none.
 * Paragraphs are expected not to overlap (they never do in a canonical text).
 */
export function groupRangesByParagraph(paragraphs: readonly ParagraphSpan[], ranges: readonly HighlightRange[]): HighlightRange[][] {
  const groups: HighlightRange[][] = paragraphs.map(() => []);
  const order = sortStable(
    paragraphs.map((_, index) => index),
    (a, b) => paragraphs[a]!.startOffset - paragraphs[b]!.startOffset,
  );
  const sortedRanges = sortStable(ranges.filter(isPaintable), (a, b) => a.start - b.start || compareIds(a.id, b.id));

  // Range starts only grow, so the first paragraph that can still be touched only moves forward.
  let first = 0;
  for (const range of sortedRanges) {
    while (first < order.length && paragraphEnd(paragraphs[order[first]!]!) <= range.start) first += 1;
    for (let cursor = first; cursor < order.length; cursor += 1) {
      const paragraphIndex = order[cursor]!;
      const paragraph = paragraphs[paragraphIndex]!;
      if (paragraph.startOffset >= range.end) break;
      const overlap = Math.min(range.end, paragraphEnd(paragraph)) - Math.max(range.start, paragraph.startOffset);
      if (overlap > 0) groups[paragraphIndex]!.push(range);
    }
  }
  return groups;
}

function isPaintable(range: HighlightRange): boolean {
  return Number.isInteger(range.start) && Number.isInteger(range.end) && range.start < range.end;
}

function paragraphEnd(paragraph: ParagraphSpan): number {
  return paragraph.startOffset + paragraph.text.length;
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Array.prototype.sort is stable since ES2019; copying keeps the caller's array untouched. */
function sortStable<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return [...items].sort(compare);
}

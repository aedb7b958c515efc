// Long readings are read one section at a time: a 352-page book is cut where its own headings
// cut it (parts, then chapters inside a part that is too long), and a stretch with no heading
// into runs of pages, so that a page never renders the whole book. A reading short enough to
// read at once is one section, and its page is as it always was.
import type { ReadingBlock } from "./reading-import.ts";

/** A reading of at most this much text is read at once, as one section: a paper of 20-odd pages. */
export const WHOLE_READING_MAX_CHARS = 100_000;
/** In a longer reading, a section past this much text is cut further: about 12 printed pages. */
export const SECTION_MAX_CHARS = 40_000;

/** What sectioning needs of a paragraph: its kind, level and page as imported, and no text but a heading's. */
export type OutlineParagraph = Pick<ReadingBlock, "kind" | "level" | "page"> & {
  position: number;
  /** Characters of text. */
  length: number;
  /** The paragraph's first character in the canonical text. */
  startOffset: number;
  /** The text of a heading (null for other kinds). */
  heading: string | null;
};

export type ReadingSection = {
  /** 1..n in reading order. */
  number: number;
  title: string;
  /** First and last paragraph positions, inclusive. */
  from: number;
  to: number;
  firstPage: number | null;
  lastPage: number | null;
  /** The canonical-text range the section covers: [startOffset, endOffset). */
  startOffset: number;
  endOffset: number;
};

/** One entry of the table of contents: a heading and the section that holds it. */
export type ContentsEntry = { position: number; level: number; title: string; page: number | null; section: number };

export type ReadingOutline = { sections: ReadingSection[]; contents: ContentsEntry[] };

type Piece = { start: number; end: number; title: string | null };

function charsOf(paragraphs: readonly OutlineParagraph[], start: number, end: number): number {
  let total = 0;
  for (let index = start; index < end; index++) total += paragraphs[index]!.length;
  return total;
}

function isHeading(paragraph: OutlineParagraph, minLevel: number): boolean {
  return paragraph.kind === "HEADING" && (paragraph.level ?? 1) >= minLevel;
}

/** Cuts [start, end) at the shallowest headings at or below minLevel, recursing into pieces still too long. */
function cutByHeadings(paragraphs: readonly OutlineParagraph[], start: number, end: number, minLevel: number, maxChars: number): Piece[] {
  let level: number | null = null;
  for (let index = start + 1; index < end; index++) {
    const paragraph = paragraphs[index]!;
    if (isHeading(paragraph, minLevel) && (level === null || paragraph.level! < level)) level = paragraph.level ?? 1;
  }
  const first = paragraphs[start]!;
  const ownTitle = first.kind === "HEADING" ? first.heading : null;
  if (level === null) return cutByPages(paragraphs, start, end, ownTitle, maxChars);
  const cuts = [start];
  for (let index = start + 1; index < end; index++) {
    const paragraph = paragraphs[index]!;
    if (paragraph.kind === "HEADING" && (paragraph.level ?? 1) === level) cuts.push(index);
  }
  cuts.push(end);
  const pieces: Piece[] = [];
  // The last piece cut at this level and its size, while a short sibling may still join it.
  let open: { piece: Piece; chars: number } | null = null;
  for (let at = 0; at < cuts.length - 1; at++) {
    const pieceStart = cuts[at]!;
    const pieceEnd = cuts[at + 1]!;
    const chars = charsOf(paragraphs, pieceStart, pieceEnd);
    if (chars > maxChars) {
      pieces.push(...cutByHeadings(paragraphs, pieceStart, pieceEnd, level + 1, maxChars));
      open = null;
    } else if (open && chars < maxChars / 8 && open.chars + chars <= maxChars / 2) {
      // A few paragraphs under their own heading (a short note, a conclusion) read on with the one before.
      open.piece.end = pieceEnd;
      open.piece.title ??= paragraphs[pieceStart]!.heading;
      open.chars += chars;
    } else {
      const head = paragraphs[pieceStart]!;
      const piece = { start: pieceStart, end: pieceEnd, title: head.kind === "HEADING" ? head.heading : null };
      pieces.push(piece);
      open = { piece, chars };
    }
  }
  return pieces;
}

/** Cuts a stretch without headings into runs of at most maxChars, at a page break when one is near. */
function cutByPages(paragraphs: readonly OutlineParagraph[], start: number, end: number, title: string | null, maxChars: number): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = start;
  let chars = 0;
  let lastPageBreak: number | null = null;
  for (let index = start; index < end; index++) {
    const paragraph = paragraphs[index]!;
    if (index > pieceStart && paragraph.page !== null && paragraph.page !== paragraphs[index - 1]!.page) lastPageBreak = index;
    if (index > pieceStart && chars + paragraph.length > maxChars) {
      // A page break in the second half of the run is a better place to cut than mid-page.
      const cut = lastPageBreak !== null && charsOf(paragraphs, pieceStart, lastPageBreak) >= maxChars / 2 ? lastPageBreak : index;
      pieces.push({ start: pieceStart, end: cut, title: pieces.length === 0 ? title : null });
      pieceStart = cut;
      chars = charsOf(paragraphs, cut, index);
      lastPageBreak = null;
    }
    chars += paragraph.length;
  }
  pieces.push({ start: pieceStart, end, title: pieces.length === 0 ? title : null });
  return pieces;
}

function pagesLabel(first: number | null, last: number | null): string | null {
  if (first === null || last === null) return null;
  return first === last ? `p. ${first}` : `pp. ${first}–${last}`;
}

/**
 * The sections and table of contents of a reading, from its paragraphs in order. A reading of at
 * most wholeMaxChars is one section; a longer one is cut at its top-level headings, a section
 * longer than maxChars at its next level, and so on, then by pages. A short piece under its own
 * heading reads on with the one before it, and a section of headings only (a part's title page)
 * joins the section after it.
 */
export function planReadingOutline(
  paragraphs: readonly OutlineParagraph[],
  { wholeMaxChars = WHOLE_READING_MAX_CHARS, maxChars = SECTION_MAX_CHARS }: { wholeMaxChars?: number; maxChars?: number } = {},
): ReadingOutline {
  if (paragraphs.length === 0) return { sections: [], contents: [] };
  const pieces =
    charsOf(paragraphs, 0, paragraphs.length) <= wholeMaxChars
      ? [{ start: 0, end: paragraphs.length, title: null }]
      : cutByHeadings(paragraphs, 0, paragraphs.length, 1, maxChars);

  const merged: Piece[] = [];
  let pending = null as Piece | null;
  for (const piece of pieces) {
    const start: number = pending ? pending.start : piece.start;
    const title: string | null = pending?.title && piece.title ? `${pending.title} — ${piece.title}` : (pending?.title ?? piece.title);
    const onlyHeadings = paragraphs.slice(piece.start, piece.end).every((paragraph) => paragraph.kind === "HEADING");
    pending = null;
    if (onlyHeadings && piece !== pieces[pieces.length - 1]) {
      pending = { start, end: piece.end, title };
      continue;
    }
    merged.push({ start, end: piece.end, title });
  }

  const sections = merged.map((piece, index): ReadingSection => {
    const first = paragraphs[piece.start]!;
    const last = paragraphs[piece.end - 1]!;
    const pages = paragraphs.slice(piece.start, piece.end).flatMap((paragraph) => (paragraph.page === null ? [] : [paragraph.page]));
    const firstPage = pages.length > 0 ? Math.min(...pages) : null;
    const lastPage = pages.length > 0 ? Math.max(...pages) : null;
    const fallback =
      merged.length === 1 ? "Whole reading" : (pagesLabel(firstPage, lastPage) ?? `Paragraphs ${first.position}–${last.position}`);
    const continued = piece.title === null ? previousTitle(paragraphs, piece.start) : null;
    return {
      number: index + 1,
      title: piece.title ?? (continued ? `${continued} (continued, ${fallback})` : fallback),
      from: first.position,
      to: last.position,
      firstPage,
      lastPage,
      startOffset: first.startOffset,
      endOffset: last.startOffset + last.length,
    };
  });

  const contents: ContentsEntry[] = [];
  let sectionIndex = 0;
  for (const paragraph of paragraphs) {
    while (sections[sectionIndex]!.to < paragraph.position) sectionIndex++;
    if (paragraph.kind === "HEADING" && paragraph.heading) {
      contents.push({
        position: paragraph.position,
        level: paragraph.level ?? 1,
        title: paragraph.heading,
        page: paragraph.page,
        section: sections[sectionIndex]!.number,
      });
    }
  }
  return { sections, contents };
}

/** The nearest heading before index, for a section that continues one. */
function previousTitle(paragraphs: readonly OutlineParagraph[], index: number): string | null {
  for (let at = index - 1; at >= 0; at--) {
    const paragraph = paragraphs[at]!;
    if (paragraph.kind === "HEADING" && paragraph.heading) return paragraph.heading;
  }
  return null;
}

/** The section holding a paragraph position; positions past either end give the first or last. */
export function findSectionAt(sections: readonly ReadingSection[], position: number): ReadingSection | null {
  if (sections.length === 0) return null;
  for (const section of sections) if (position <= section.to) return section;
  return sections[sections.length - 1]!;
}

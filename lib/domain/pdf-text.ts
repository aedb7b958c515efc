// The text of a PDF as pdf.js gives it (lib/documents/extract-pdf-text.ts), and its first
// reconstruction: lines. Everything here is geometry over plain data, so it is unit-tested on the
// items extracted from real files.
//
// Coordinates are PDF user space: x to the right, y up, in points; an item's (x, y) is the start
// of its baseline.

/** One run of text pdf.js reports (TextItem), reduced to what layout needs. */
export type PdfTextItem = {
  text: string;
  x: number;
  y: number;
  width: number;
  /** The font size on the page (the vertical scale of the text matrix). */
  fontSize: number;
  fontId: string;
};

export type PdfFont = {
  id: string;
  /** The font's PostScript name when pdf.js reported it ("NimbusRomNo9L-Medi"), else null. */
  name: string | null;
  isBold: boolean;
  isItalic: boolean;
  isMonospace: boolean;
};

export type PdfTextPage = {
  /** 1-based page number in the file. */
  number: number;
  /** The page's visible box: [left, bottom, right, top]. */
  box: [number, number, number, number];
  items: PdfTextItem[];
  /** Items left out because their text is rotated (margin stamps, sideways table heads). */
  rotatedItems: number;
};

export type PdfOutlineEntry = { title: string; page: number | null; depth: number };

export type PdfTextDocument = {
  pages: PdfTextPage[];
  fonts: Record<string, PdfFont>;
  /** The document outline (bookmarks), flattened in order with each entry's depth from 0. */
  outline: PdfOutlineEntry[];
  /** The Title of the document information or XMP metadata, when set. */
  metadataTitle: string | null;
};

/** A piece of a line: one item, or a superscript (a footnote reference) inside it. */
export type LinePiece = { text: string; x0: number; x1: number; y: number; fontSize: number; fontId: string; isSuperscript: boolean };

export type Line = {
  page: number;
  x0: number;
  x1: number;
  /** Baseline of the line's main text. */
  y: number;
  /** Size and font of the line's main text (the one with the most characters). */
  fontSize: number;
  fontId: string;
  isBold: boolean;
  isMonospace: boolean;
  text: string;
  pieces: LinePiece[];
};

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** A piece this much smaller than the line and raised is a superscript. */
const SUPERSCRIPT_RATIO = 0.8;
/** Items further apart than this many font sizes are on different lines (another column). */
const MAX_WORD_GAP = 1.8;
/** In a code listing a comment may stand far to the right of its code, on the same line. */
const MAX_CODE_GAP = 12;

export type BuildLinesOptions = {
  /** Monospace text is code in this document (little of it is monospace), not its body. */
  codeIsRare?: boolean;
};

/**
 * Groups a page's items into lines, in the order pdf.js gives them (content-stream order, which is
 * the producer's writing order and almost always reading order within a column): an item continues
 * the current line when it sits on its baseline (or is a superscript or subscript of it) and follows
 * it closely on the right. A superscript written out of order is put back into the line it belongs to.
 */
export function buildLines(page: PdfTextPage, fonts: Readonly<Record<string, PdfFont>>, options: BuildLinesOptions = {}): Line[] {
  type Draft = { pieces: LinePiece[]; y: number; fontSize: number; x1: number; isMonospace: boolean };
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const item of page.items) {
    if (item.text.trim() === "" || !(item.fontSize > 0)) continue;
    const piece: LinePiece = {
      text: item.text,
      x0: item.x,
      x1: item.x + Math.max(item.width, 0),
      y: item.y,
      fontSize: item.fontSize,
      fontId: item.fontId,
      isSuperscript: false,
    };
    const isMonospace = fonts[item.fontId]?.isMonospace === true;
    const maxGap = options.codeIsRare && isMonospace && current?.isMonospace ? MAX_CODE_GAP : MAX_WORD_GAP;
    if (current && continuesLine(current, item, maxGap)) {
      current.pieces.push(piece);
      current.x1 = Math.max(current.x1, piece.x1);
      if (item.fontSize > current.fontSize) {
        current.fontSize = item.fontSize;
        current.y = item.y;
      }
    } else {
      current = { pieces: [piece], y: item.y, fontSize: item.fontSize, x1: piece.x1, isMonospace };
      drafts.push(current);
    }
  }
  // A line made only of small raised text beside a bigger line is that line's superscript
  // (some producers write footnote markers after the whole paragraph).
  const kept: Draft[] = [];
  for (const draft of drafts) {
    const host = draft.pieces.length <= 2 && isSmallFragment(draft) ? findHostLine(kept, draft) : null;
    if (host) host.pieces.push(...draft.pieces);
    else kept.push(draft);
  }
  return kept.map((draft) => finishLine(page.number, draft.pieces, fonts));
}

function continuesLine(line: { y: number; fontSize: number; x1: number }, item: PdfTextItem, maxGap: number): boolean {
  const bigger = Math.max(line.fontSize, item.fontSize);
  const smaller = Math.min(line.fontSize, item.fontSize);
  const dy = Math.abs(item.y - line.y);
  const sameBaseline = dy <= 0.35 * smaller;
  const scriptOfIt = smaller <= SUPERSCRIPT_RATIO * bigger && dy <= 0.7 * bigger;
  if (!sameBaseline && !scriptOfIt) return false;
  const gap = item.x - line.x1;
  // Producers overprint (a © drawn over a "c", bold by double striking): some overlap is one line.
  return gap >= -1.2 * bigger && gap <= maxGap * bigger;
}

function isSmallFragment(draft: { pieces: LinePiece[] }): boolean {
  return draft.pieces.every((piece) => piece.text.trim().length <= 3);
}

function findHostLine<T extends { pieces: LinePiece[]; y: number; fontSize: number; x1: number }>(
  lines: readonly T[],
  fragment: T,
): T | null {
  const x0 = Math.min(...fragment.pieces.map((piece) => piece.x0));
  // The last few lines are enough: a misplaced marker is written right after its paragraph.
  for (let index = lines.length - 1; index >= Math.max(0, lines.length - 40); index -= 1) {
    const line = lines[index]!;
    if (fragment.fontSize > SUPERSCRIPT_RATIO * line.fontSize) continue;
    const dy = fragment.y - line.y;
    if (dy < -0.3 * line.fontSize || dy > 0.8 * line.fontSize) continue;
    const lineX0 = Math.min(...line.pieces.map((piece) => piece.x0));
    if (x0 >= lineX0 - line.fontSize && x0 <= line.x1 + line.fontSize) return line;
  }
  return null;
}

function finishLine(pageNumber: number, rawPieces: LinePiece[], fonts: Readonly<Record<string, PdfFont>>): Line {
  const pieces = [...rawPieces].sort((a, b) => a.x0 - b.x0);
  // The main text is the size and font with the most characters.
  const weight = new Map<string, { chars: number; fontSize: number; fontId: string }>();
  for (const piece of pieces) {
    const key = `${Math.round(piece.fontSize * 2) / 2}|${piece.fontId}`;
    const entry = weight.get(key) ?? { chars: 0, fontSize: piece.fontSize, fontId: piece.fontId };
    entry.chars += piece.text.trim().length;
    weight.set(key, entry);
  }
  const main = [...weight.values()].sort((a, b) => b.chars - a.chars)[0]!;
  const mainPiece = pieces.find((piece) => piece.fontId === main.fontId && Math.abs(piece.fontSize - main.fontSize) < 0.3)!;
  for (const piece of pieces) {
    const isSmall = piece.fontSize <= SUPERSCRIPT_RATIO * main.fontSize;
    const isRaised = piece.y > mainPiece.y + 0.12 * main.fontSize;
    piece.isSuperscript = isSmall && isRaised && isReferenceMark(piece.text);
  }
  const font = fonts[main.fontId];
  return {
    page: pageNumber,
    x0: pieces[0]!.x0,
    x1: Math.max(...pieces.map((piece) => piece.x1)),
    y: mainPiece.y,
    fontSize: main.fontSize,
    fontId: main.fontId,
    isBold: font?.isBold ?? false,
    isMonospace: font?.isMonospace ?? false,
    text: joinPieces(pieces),
    pieces,
  };
}

/** Footnote and affiliation marks: numbers, asterisks, daggers and the like, or a letter or two. */
function isReferenceMark(text: string): boolean {
  return /^\s*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|[*∗†‡§¶#+$]{1,3}|\p{L}{1,2}|[,\s\d*∗†‡§¶#+$]{1,8})\s*$/u.test(text);
}

/** Line text: pieces in order, a space where they stand apart, superscript digits as ¹²³. */
function joinPieces(pieces: readonly LinePiece[]): string {
  let text = "";
  let previous: LinePiece | null = null;
  for (const piece of pieces) {
    let pieceText = piece.isSuperscript ? toSuperscript(piece.text.trim()) : piece.text;
    if (previous) {
      const gap = piece.x0 - previous.x1;
      const size = Math.min(piece.fontSize, previous.fontSize);
      const needsSpace = gap > 0.15 * size && !/\s$/.test(text) && !/^\s/.test(pieceText);
      // A superscript hugs the word before it.
      if (needsSpace && !piece.isSuperscript) text += " ";
    } else {
      pieceText = pieceText.trimStart();
    }
    text += pieceText;
    previous = piece;
  }
  return composeSpacingAccents(text.replace(/\s+/g, " ").trim());
}

function toSuperscript(mark: string): string {
  return /^\d+$/.test(mark) ? [...mark].map((digit) => SUPERSCRIPT_DIGITS[digit]!).join("") : mark;
}

const SPACING_ACCENTS: Record<string, string> = {
  "¨": "\u0308",
  "´": "\u0301",
  "`": "\u0300",
  ˆ: "\u0302",
  "˜": "\u0303",
  "¸": "\u0327",
  ˇ: "\u030C",
  "˚": "\u030A",
};

/** TeX draws "ï" as a spacing diaeresis then a dotless i: "na¨ıve" → "naïve". */
export function composeSpacingAccents(text: string): string {
  return text.replace(/([¨´`ˆ˜¸ˇ˚])\s?([\p{L}ıȷ])/gu, (whole, accent: string, letter: string, offset: number) => {
    // Only between letters (or at a word start): a lone backquote or apostrophe-like mark stays.
    const before = offset > 0 ? text[offset - 1]! : " ";
    if (accent === "`" && !/\p{L}/u.test(before)) return whole;
    const base = letter === "ı" ? "i" : letter === "ȷ" ? "j" : letter;
    return `${base}${SPACING_ACCENTS[accent]!}`.normalize("NFC");
  });
}

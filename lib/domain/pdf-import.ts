// Turns the text of a PDF (pdf.js items with positions, lib/domain/pdf-text.ts) into a reading:
// numbered paragraphs that read as the printed pages do, with the page each one starts on.
//
// The steps, each a function below:
// 1. lines from items (pdf-text.ts); the body text's size and font;
// 2. running headers and footers — lines at the top or bottom of pages that repeat at the same
//    place on several pages once digits are ignored ("INTRODUCTION 3", "4 FREE CULTURE") — and lone
//    page numbers are removed; text inside figures (much smaller than the body) and undecodable
//    glyph runs are left out; each removal is counted for the preview;
// 3. each page in reading order: columns, then lines (pdf-layout.ts);
// 4. footnotes: smaller lines at the foot of a column, under the body text, each starting with its
//    mark; they become NOTE paragraphs placed after the paragraph that cites them;
// 5. lines grouped into paragraphs by vertical gaps, first-line indents, short last lines and style
//    changes; a paragraph cut by a column or page break is joined back (the next column does not
//    start with an indent and the text before the break does not end a sentence, or the line
//    before it is full);
// 6. kinds: headings (larger, bolder or another family than the body, short), captions ("Figure
//    3."), block quotes (indented on both sides), list items (a bullet), code (monospace);
//    heading levels from the PDF's outline when it has one, else from their sizes;
// 7. words hyphenated across line ends rejoined when the document spells them whole elsewhere
//    (line-joining.ts).
// The wording is never changed; the title is the big text on the first page, else the metadata's.
import { countWords, joinLine, type WordCounts } from "./line-joining.ts";
import { median, orderPageLines, type Segment } from "./pdf-layout.ts";
import { buildLines, type Line, type PdfTextDocument } from "./pdf-text.ts";
import {
  assembleReadingFromBlocks,
  MAX_HEADING_LEVEL,
  ReadingImportError,
  type ImportedReading,
  type ParagraphKind,
  type ReadingBlock,
} from "./reading-import.ts";

/** What the import kept and left out, for the preview. */
export type PdfImportReport = {
  pageCount: number;
  /** Pages with no text at all (blank pages, or images of text). */
  pagesWithoutText: number;
  /** Pages read as two or more columns. */
  pagesWithColumns: number;
  /** Running headers and footers removed, most frequent first, with how many pages had each. */
  runningLines: { text: string; pages: number }[];
  pageNumbersRemoved: number;
  /** Lines inside figures (labels far smaller than the text) and undecodable glyph runs. */
  figureLinesLeftOut: number;
  rotatedTextLeftOut: number;
  headings: number;
  notes: number;
  captions: number;
  /** Columns of table cells: kept as plain paragraphs, one per column (tables are not rebuilt). */
  tableColumns: number;
};

export type PdfImport = { reading: ImportedReading; report: PdfImportReport };

type Style = { fontSize: number; fontId: string; isBold: boolean; isMonospace: boolean };
type DocumentStyle = { body: Style; lineCount: number };

type Block = {
  kind: ParagraphKind;
  lines: Line[];
  segment: Segment;
  /** Every segment the paragraph runs through (more than one once joined across breaks). */
  segments: Segment[];
  level: number | null;
  /** For a NOTE: its mark ("¹", "*"), to find the paragraph that cites it. */
  mark: string | null;
  /** Notes placed after this block. */
  notes: Block[];
  /** Captions and code met while joining this paragraph across a break: they follow it. */
  displaced: Block[];
  /** An entry of a table of contents or an index: complete in itself, never joined across a break. */
  isEntry: boolean;
  /** A column of a table's cells, kept as one plain paragraph and never spliced into a sentence. */
  isTable: boolean;
};

const MIN_TEXT_CHARS_PER_PAGE = 40;
const FIGURE_TEXT_RATIO = 0.68;
const NOTE_TEXT_RATIO = 0.93;
const HEADING_SIZE_RATIO = 1.08;
const MAX_HEADING_LENGTH = 160;
const EDGE_LINES = 3;
const TERMINAL = /[.!?:;…]["'”’»)\]]*$|[.!?]["'”’»)\]]*[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u;
const CAPTION =
  /^(?:Figure|Fig\.|Table|Tab\.|Listing|Chart|Plate|Exhibit|Illustration|Map|Graph|Algorithm|Scheme)\s*[0-9IVXLC]+(?:\.\d+)*\s*(?:[.:–—]|$)/;
const BULLET = /^[•◦▪▫‣∙●○■□–-]\s+/;
const LIST_START = /^(?:[•◦▪▫‣∙●○■□]\s|\(?\d{1,3}[.)]\s|\[\d{1,3}\]\s|\(?[a-z][.)]\s)/;
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?$|^\d{1,4}\s*(?:of|\/)\s*\d{1,4}$/i;
const STARTS_LOWERCASE = /^["'“‘«(]*\p{Ll}/u;

export function importPdfText(document: PdfTextDocument): PdfImport {
  const report: PdfImportReport = {
    pageCount: document.pages.length,
    pagesWithoutText: 0,
    pagesWithColumns: 0,
    runningLines: [],
    pageNumbersRemoved: 0,
    figureLinesLeftOut: 0,
    rotatedTextLeftOut: document.pages.reduce((sum, page) => sum + page.rotatedItems, 0),
    headings: 0,
    notes: 0,
    captions: 0,
    tableColumns: 0,
  };
  const pageLines = document.pages.map((page) => buildLines(page, document.fonts, { codeIsRare: isCodeRare(document) }));
  const charsOnPage = pageLines.map((lines) => lines.reduce((sum, line) => sum + line.text.length, 0));
  const pagesWithText = charsOnPage.filter((chars) => chars >= MIN_TEXT_CHARS_PER_PAGE).length;
  report.pagesWithoutText = charsOnPage.filter((chars) => chars === 0).length;
  if (pagesWithText === 0 || (document.pages.length >= 3 && pagesWithText < 0.2 * document.pages.length)) {
    throw new ReadingImportError(
      "NO_TEXT",
      "This PDF has no text to read: its pages are images (a scan?). Scholia does not read images of text (no OCR). Upload a PDF with a text layer — one where you can select words.",
    );
  }

  const style = findDocumentStyle(pageLines);
  removeRunningLines(pageLines, report);
  const undecodableFonts = findUndecodableFonts(pageLines);
  for (let index = 0; index < pageLines.length; index += 1) {
    const kept = pageLines[index]!.filter((line) => !isFigureText(line, style.body) && !undecodableFonts.has(line.fontId));
    report.figureLinesLeftOut += pageLines[index]!.length - kept.length;
    pageLines[index] = kept;
  }
  const counts = countWords(pageLines.flatMap((lines) => lines.map((line) => line.text)));

  // Blocks in reading order, page by page.
  const flow: Block[] = [];
  const pageNotes: Block[][] = [];
  for (const lines of pageLines) {
    const { segments, hasColumns } = orderPageLines(lines);
    if (hasColumns) report.pagesWithColumns += 1;
    const notes: Block[] = [];
    const pageTop = Math.max(...lines.map((line) => line.y));
    const pageBottom = Math.min(...lines.map((line) => line.y));
    const tables = findTableColumns(segments);
    for (const segment of segments) {
      if (tables.has(segment)) {
        const block = newBlock("TEXT", segment.lines, segment);
        block.isTable = true;
        flow.push(block);
        report.tableColumns += 1;
        continue;
      }
      if (isFootnoteBox(segment, segments, style.body, pageBottom + 0.4 * (pageTop - pageBottom))) {
        notes.push(...groupNotes(segment));
        continue;
      }
      const { body, noteLines } = splitFootnotes(segment, style.body);
      flow.push(...groupParagraphs({ ...segment, lines: body }, style.body));
      if (noteLines.length > 0) notes.push(...groupNotes({ ...segment, lines: noteLines }));
    }
    pageNotes.push(notes);
  }

  const joined = joinAcrossBreaks(flow, style.body);
  const { title, blocks: titled } = takeTitle(mergeHeadingLines(joined), document, style.body);
  assignHeadingLevels(titled, document);
  const ordered = placeNotes(titled, pageNotes.flat());

  const readingBlocks: ReadingBlock[] = [];
  for (const block of ordered) {
    const text = blockText(block, counts);
    if (text === "") continue;
    readingBlocks.push({ text, kind: block.kind, level: block.kind === "HEADING" ? block.level : null, page: block.lines[0]!.page });
  }
  if (readingBlocks.length === 0) {
    throw new ReadingImportError("NO_PARAGRAPHS", "No paragraphs were found in this PDF's text.");
  }
  report.headings = readingBlocks.filter((block) => block.kind === "HEADING").length;
  report.notes = readingBlocks.filter((block) => block.kind === "NOTE").length;
  report.captions = readingBlocks.filter((block) => block.kind === "CAPTION").length;
  return { reading: assembleReadingFromBlocks(readingBlocks, title), report };
}

// ---------------------------------------------------------------------------------------------
// 1. The body text's style.

/** Less than a quarter of the characters are monospace: monospace text is code, not the body. */
function isCodeRare(document: PdfTextDocument): boolean {
  let monospace = 0;
  let all = 0;
  for (const page of document.pages) {
    for (const item of page.items) {
      all += item.text.length;
      if (document.fonts[item.fontId]?.isMonospace) monospace += item.text.length;
    }
  }
  return monospace < 0.25 * all;
}

function findDocumentStyle(pageLines: readonly Line[][]): DocumentStyle {
  const lines = pageLines.flat();
  const body = lines.length > 0 ? dominantStyle(lines) : { fontSize: 10, fontId: "", isBold: false, isMonospace: false };
  return { body, lineCount: lines.length };
}

function isMainText(line: Line, body: Style): boolean {
  return Math.abs(line.fontSize - body.fontSize) <= 0.1 * body.fontSize;
}

// ---------------------------------------------------------------------------------------------
// 2. Running headers and footers, page numbers, figure text.

/** Digits and roman numerals stand for any page number. */
function runningSignature(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b[ivxlcdm]{1,7}\b/g, "#")
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

function removeRunningLines(pageLines: Line[][], report: PdfImportReport): void {
  const pageCount = pageLines.length;
  const minPages = pageCount >= 6 ? 3 : 2;
  // Candidates: the few lines nearest the top and the bottom of each page.
  const edgeLines = pageLines.map((lines) => {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    return new Set([...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)]);
  });
  // Where each signature appears: page numbers by 3-point height band.
  const seen = new Map<string, Set<number>>();
  const key = (line: Line, band: number) => `${runningSignature(line.text)}@${band}`;
  pageLines.forEach((lines, pageIndex) => {
    for (const line of edgeLines[pageIndex]!) {
      const band = Math.round(line.y / 3);
      const pages = seen.get(key(line, band)) ?? new Set<number>();
      pages.add(pageIndex);
      seen.set(key(line, band), pages);
    }
  });
  const pagesWith = (line: Line) => {
    const band = Math.round(line.y / 3);
    const pages = new Set<number>();
    for (const near of [band - 1, band, band + 1]) for (const page of seen.get(key(line, near)) ?? []) pages.add(page);
    return pages.size;
  };

  const removed = new Map<string, { text: string; pages: number }>();
  pageLines.forEach((lines, pageIndex) => {
    const edges = edgeLines[pageIndex]!;
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    const extremes = new Set([byHeight[0], byHeight.at(-1)]);
    pageLines[pageIndex] = lines.filter((line) => {
      if (!edges.has(line)) return true;
      const signature = runningSignature(line.text);
      if (PAGE_NUMBER.test(line.text.trim()) && (extremes.has(line) || pagesWith(line) >= minPages)) {
        report.pageNumbersRemoved += 1;
        return false;
      }
      if (signature.replace(/[#\s]/g, "") === "" || pagesWith(line) < minPages) return true;
      const entry = removed.get(signature) ?? { text: line.text, pages: 0 };
      entry.pages += 1;
      removed.set(signature, entry);
      return false;
    });
  });
  report.runningLines = [...removed.values()].sort((a, b) => b.pages - a.pages).slice(0, 12);
}

/**
 * Fonts without a usable character map come out as punctuation soup ("&-./012#"); a font whose
 * text has almost no letters anywhere in the document is one of them (chart labels, mostly).
 */
function findUndecodableFonts(pageLines: readonly Line[][]): Set<string> {
  const tally = new Map<string, { letters: number; visible: number; isMonospace: boolean }>();
  for (const lines of pageLines) {
    for (const line of lines) {
      const entry = tally.get(line.fontId) ?? { letters: 0, visible: 0, isMonospace: line.isMonospace };
      const visible = line.text.replace(/\s/g, "");
      entry.visible += visible.length;
      entry.letters += visible.match(/\p{L}/gu)?.length ?? 0;
      tally.set(line.fontId, entry);
    }
  }
  const fonts = new Set<string>();
  for (const [fontId, { letters, visible, isMonospace }] of tally) {
    if (!isMonospace && visible >= 12 && letters < 0.25 * visible) fonts.add(fontId);
  }
  return fonts;
}

/** Figure labels are much smaller than the text; undecodable glyphs are mostly punctuation. */
function isFigureText(line: Line, body: Style): boolean {
  if (line.fontSize < FIGURE_TEXT_RATIO * body.fontSize) return true;
  if (line.isMonospace) return false;
  const visible = line.text.replace(/\s/g, "");
  if (visible.length < 2) return !/[\p{L}\p{N}]/u.test(visible);
  const wordy = visible.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return wordy < 0.5 * visible.length;
}

/**
 * Table cells stack into narrow boxes of short lines that are not sentences, side by side with
 * others like them at the same height.
 */
function findTableColumns(segments: readonly Segment[]): Set<Segment> {
  const cellLike = segments.filter((segment) => {
    const lines = segment.lines;
    if (lines.length < 2) return false;
    const words = median(lines.map((line) => line.text.split(/\s+/).length));
    const sentences = lines.filter((line) => endsSentence(line.text)).length;
    return words <= 3 && sentences <= 0.3 * lines.length && !isEntryList(lines);
  });
  const span = (segment: Segment) => ({
    x0: Math.min(...segment.lines.map((line) => line.x0)),
    x1: Math.max(...segment.lines.map((line) => line.x1)),
    top: segment.lines[0]!.y,
    bottom: segment.lines.at(-1)!.y,
  });
  const tables = new Set<Segment>();
  for (const a of cellLike) {
    const first = span(a);
    for (const b of cellLike) {
      if (a === b) continue;
      const second = span(b);
      const sideBySide = first.x1 <= second.x0 || second.x1 <= first.x0;
      const sameHeight = Math.min(first.top, second.top) - Math.max(first.bottom, second.bottom) > 0;
      if (sideBySide && sameHeight) {
        tables.add(a);
        tables.add(b);
      }
    }
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------
// 4. Footnotes at the foot of a column.

function splitFootnotes(segment: Segment, body: Style): { body: Line[]; noteLines: Line[] } {
  const lines = segment.lines;
  let start = lines.length;
  while (start > 0) {
    const line = lines[start - 1]!;
    if (line.fontSize > NOTE_TEXT_RATIO * body.fontSize || isMainText(line, body)) break;
    start -= 1;
  }
  if (start === lines.length) return { body: lines, noteLines: [] };
  const above = lines.slice(0, start);
  const mainAbove = above.filter((line) => isMainText(line, body)).length;
  const first = lines[start]!;
  const previous = above.at(-1);
  const spacing = lineSpacing(above, body.fontSize);
  const isSetApart = previous !== undefined && previous.y - first.y >= 1.6 * spacing;
  if (mainAbove < 2 || !isSetApart || CAPTION.test(first.text)) return { body: lines, noteLines: [] };
  return { body: above, noteLines: lines.slice(start) };
}

/** A box of smaller text under the body text at the foot of its column: footnotes. */
function isFootnoteBox(segment: Segment, segments: readonly Segment[], body: Style, lowZone: number): boolean {
  const lines = segment.lines;
  const isSmall = (line: Line) => line.fontSize <= NOTE_TEXT_RATIO * body.fontSize && !isMainText(line, body);
  if (!lines.every(isSmall) || CAPTION.test(lines[0]!.text) || lines[0]!.y > lowZone) return false;
  const x0 = Math.min(...lines.map((line) => line.x0));
  const x1 = Math.max(...lines.map((line) => line.x1));
  const overlaps = (other: Segment) => other.lines.some((line) => Math.min(x1, line.x1) - Math.max(x0, line.x0) > 0);
  const top = lines[0]!.y;
  const bottom = lines.at(-1)!.y;
  let hasTextAbove = false;
  for (const other of segments) {
    if (other === segment || !overlaps(other)) continue;
    const main = other.lines.filter((line) => isMainText(line, body));
    if (main.some((line) => line.y < bottom)) return false;
    if (main.filter((line) => line.y > top).length >= 2) hasTextAbove = true;
  }
  return hasTextAbove;
}

const NOTE_MARK = /^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}(?=[.)\s\p{L}])|[*∗†‡§¶]+)/u;

function groupNotes(segment: Segment): Block[] {
  const notes: Block[] = [];
  for (const line of segment.lines) {
    const startsNote = line.pieces[0]!.isSuperscript || NOTE_MARK.test(line.text);
    const current = notes.at(-1);
    const last = current?.lines.at(-1);
    const gap = last ? last.y - line.y : 0;
    if (!current || (startsNote && line.x0 <= segment.left + line.fontSize) || gap > 1.8 * line.fontSize * 1.2) {
      notes.push(newBlock("NOTE", [line], segment, noteMark(line.text)));
    } else {
      current.lines.push(line);
    }
  }
  return notes;
}

function noteMark(text: string): string | null {
  const match = NOTE_MARK.exec(text);
  if (!match) return null;
  return toSuperscriptDigits(match[1]!);
}

function toSuperscriptDigits(mark: string): string {
  const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return mark.replace(/\d/g, (digit) => digits[Number(digit)]!);
}

/** Notes follow the paragraph that cites their mark on their page; unmatched ones, that page's last paragraph. */
function placeNotes(blocks: readonly Block[], notes: readonly Block[]): Block[] {
  if (notes.length === 0) return [...blocks];
  const lastOnPage = new Map<number, Block>();
  for (const block of blocks) for (const line of block.lines) lastOnPage.set(line.page, block);
  const pages = [...lastOnPage.keys()].sort((a, b) => a - b);
  const blockBefore = (page: number) => {
    for (let index = pages.length - 1; index >= 0; index -= 1) if (pages[index]! <= page) return lastOnPage.get(pages[index]!)!;
    return blocks[0] ?? null;
  };
  const orphans: Block[] = [];
  for (const note of notes) {
    const page = note.lines[0]!.page;
    const citing = note.mark
      ? blocks.find((block) =>
          block.lines.some(
            (line) =>
              line.page === page &&
              line.pieces.some((piece) => piece.isSuperscript && toSuperscriptDigits(piece.text.trim()) === note.mark),
          ),
        )
      : undefined;
    const host = citing ?? blockBefore(page);
    if (host) host.notes.push(note);
    else orphans.push(note);
  }
  const ordered: Block[] = [];
  for (const block of blocks) ordered.push(block, ...block.notes);
  return [...ordered, ...orphans];
}

// ---------------------------------------------------------------------------------------------
// 5. Paragraphs.

function newBlock(kind: ParagraphKind, lines: Line[], segment: Segment, mark: string | null = null): Block {
  return { kind, lines, segment, segments: [segment], level: null, mark, notes: [], displaced: [], isEntry: false, isTable: false };
}

function lineSpacing(lines: readonly Line[], fontSize: number): number {
  const deltas: number[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const a = lines[index - 1]!;
    const b = lines[index]!;
    const delta = a.y - b.y;
    if (Math.abs(a.fontSize - b.fontSize) < 0.5 && delta > 0.5 * a.fontSize && delta < 2.5 * a.fontSize) deltas.push(delta);
  }
  return deltas.length >= 2 ? median(deltas) : 1.2 * fontSize;
}

function endsSentence(text: string): boolean {
  return TERMINAL.test(text.trimEnd());
}

/** A line ending with a page reference: "CHAPTER ONE: Creators 21", "Akerlof, George, 232", "ABC, 164, 321n". */
const ENDS_WITH_PAGE_REFERENCE = /(?:^|[\s,–-])(?:\d{1,4}[a-z]?|[ivxlc]{1,6})$/;

/** A table of contents or an index: most lines end with a page number. Each such line ends an entry. */
function isEntryList(lines: readonly Line[]): boolean {
  // Entries name something (a table's column of figures is not an index).
  if (lines.filter((line) => /\p{L}.*\p{L}/u.test(line.text)).length < 0.5 * lines.length) return false;
  const references = lines.filter((line) => ENDS_WITH_PAGE_REFERENCE.test(line.text)).length;
  if (lines.length >= 4) return references >= 0.5 * lines.length;
  return lines.length >= 2 && references === lines.length && lines.every((line) => line.text.split(/\s+/).length <= 8);
}

function groupParagraphs(segment: Segment, body: Style): Block[] {
  const blocks: Block[] = [];
  const spacing = lineSpacing(segment.lines, body.fontSize);
  const entryList = isEntryList(segment.lines);
  let current: Line[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const block = newBlock(entryList ? "TEXT" : classify(current, segment, body), current, segment);
    block.isEntry = entryList;
    blocks.push(block);
    current = [];
  };
  for (const line of segment.lines) {
    const previous = current.at(-1);
    const startsNew = previous
      ? entryList
        ? ENDS_WITH_PAGE_REFERENCE.test(previous.text) || previous.y - line.y > 1.45 * spacing
        : startsParagraph(previous, line, current, segment, spacing, body)
      : false;
    if (startsNew) flush();
    current.push(line);
  }
  flush();
  return blocks;
}

function startsParagraph(a: Line, b: Line, paragraph: readonly Line[], segment: Segment, bodySpacing: number, body: Style): boolean {
  const size = Math.max(a.fontSize, b.fontSize);
  if (Math.abs(a.fontSize - b.fontSize) > 0.08 * size) return true;
  const hyphenated = /\p{L}[-‐]$/u.test(a.text);
  const isShort = a.x1 < segment.right - 1.5 * size;
  // A sentence going on across a change of font (a bold term, a program name in monospace).
  const sentenceContinues =
    hyphenated || (!/[.:;!?]["'”’)\]]*$/u.test(a.text) && (STARTS_LOWERCASE.test(b.text) || (!isShort && segment.isJustified)));
  if (a.isMonospace !== b.isMonospace && !sentenceContinues) return true;
  if (a.isBold !== b.isBold && !sentenceContinues) return true;
  const gap = a.y - b.y;
  const spacing = Math.abs(a.fontSize - segment.lines[0]!.fontSize) < 0.5 ? bodySpacing : 1.2 * a.fontSize;
  if (gap > 1.45 * Math.max(spacing, a.fontSize) || gap < -0.5 * size) return true;
  // Code: lines are short and indented at will; only a blank line ends a listing's block.
  if (a.isMonospace && b.isMonospace && !body.isMonospace) return false;
  const indented = b.x0 > a.x0 + 0.6 * size;
  if (indented && (isShort || /[.!?…]["'”’»)\]]*$/u.test(a.text)) && !hyphenated) return true;
  const first = paragraph[0]!;
  const second = paragraph[1];
  const isHanging = second !== undefined && second.x0 > first.x0 + 0.6 * size;
  if (isHanging && b.x0 <= first.x0 + 0.3 * size && b.x0 < a.x0 - 0.6 * size) return true;
  if (LIST_START.test(b.text) && b.x0 <= a.x0 + 0.5 * size && (isShort || endsSentence(a.text) || BULLET.test(b.text))) return true;
  if (segment.isJustified && isShort && endsSentence(a.text)) return true;
  return false;
}

function classify(lines: readonly Line[], segment: Segment, body: Style): ParagraphKind {
  const first = lines[0]!;
  const text = lines.map((line) => line.text).join(" ");
  if (CAPTION.test(first.text) && lines.length <= 10) return "CAPTION";
  const style = dominantStyle(lines);
  const looksLikeHeading =
    lines.length <= 3 &&
    text.length <= MAX_HEADING_LENGTH &&
    /\p{L}.*\p{L}/u.test(text) &&
    !STARTS_LOWERCASE.test(text) &&
    !/[,;]$/.test(text) &&
    !(/\.$/.test(text) && text.split(/\s+/).length > 8) &&
    !/[@{}]|https?:|www\./.test(text);
  const differs =
    style.fontSize >= HEADING_SIZE_RATIO * body.fontSize ||
    (style.isBold && !body.isBold) ||
    (style.isMonospace !== body.isMonospace && text.length <= 80 && lines.length <= 2);
  if (looksLikeHeading && differs && style.fontSize >= 0.8 * body.fontSize) return "HEADING";
  // Code, not an address in a typewriter face ("{gal,brendan}@mozilla.com").
  const isAddress = lines.length === 1 && /^\S*[@/]\S*$/.test(text);
  if (lines.every((line) => line.isMonospace) && !body.isMonospace && !isAddress) return "CODE";
  if (BULLET.test(first.text) && !/^[–-]\s/.test(first.text)) return "LIST_ITEM";
  const indent = Math.max(1, 0.9 * body.fontSize);
  const isIndentedBlock =
    lines.length >= 2 &&
    lines.every((line) => line.x0 >= segment.left + indent) &&
    (lines.every((line) => line.x1 <= segment.right - indent) || style.fontSize < 0.99 * body.fontSize);
  if (isIndentedBlock) return "QUOTE";
  return "TEXT";
}

/** The style (size to half a point, and font) that most of the lines' characters are set in; there must be lines. */
function dominantStyle(lines: readonly Line[]): Style {
  const weights = new Map<string, { chars: number; style: Style }>();
  for (const line of lines) {
    const key = `${Math.round(line.fontSize * 2) / 2}|${line.fontId}`;
    const entry = weights.get(key) ?? {
      chars: 0,
      style: { fontSize: line.fontSize, fontId: line.fontId, isBold: line.isBold, isMonospace: line.isMonospace },
    };
    entry.chars += line.text.length;
    weights.set(key, entry);
  }
  return [...weights.values()].sort((a, b) => b.chars - a.chars)[0]!.style;
}

const JOINABLE: ReadonlySet<ParagraphKind> = new Set(["TEXT", "QUOTE", "LIST_ITEM"]);
/** Blocks that may sit between the two halves of a paragraph cut by a break (a figure at the top of the next column). */
const FLOATING: ReadonlySet<ParagraphKind> = new Set(["CAPTION", "CODE"]);

function isFloating(block: Block): boolean {
  return FLOATING.has(block.kind) || block.isTable;
}

/** Joins paragraphs that a column or page break cut in two. */
function joinAcrossBreaks(flow: readonly Block[], body: Style): Block[] {
  const result: Block[] = [];
  let index = 0;
  while (index < flow.length) {
    const block = flow[index]!;
    index += 1;
    result.push(block);
    if (!JOINABLE.has(block.kind) || block.isTable || block.isEntry) continue;
    // Keep joining while the next segment continues this paragraph.
    for (;;) {
      let next = index;
      while (next < flow.length && isFloating(flow[next]!) && next - index < 40 && flow[next]!.segment !== block.segment) next += 1;
      const candidate = flow[next];
      if (!candidate || candidate.segment === lastSegment(block) || !continues(block, candidate, body, next > index)) break;
      block.displaced.push(...flow.slice(index, next));
      block.lines.push(...candidate.lines);
      block.segments.push(candidate.segment);
      index = next + 1;
    }
    result.push(...block.displaced);
    block.displaced = [];
  }
  return result;
}

function lastSegment(block: Block): Segment {
  return block.segments.at(-1)!;
}

function continues(before: Block, after: Block, body: Style, isPastFloats: boolean): boolean {
  if (!JOINABLE.has(after.kind) || after.kind === "LIST_ITEM" || before.isEntry || after.isEntry || after.isTable) return false;
  const last = before.lines.at(-1)!;
  const first = after.lines[0]!;
  if (first.page < last.page || first.page > last.page + 1) return false;
  // Below in the same column is a new paragraph after a gap — unless a figure stood between.
  const sameColumnBelow = first.page === last.page && first.y < last.y && Math.min(first.x1, last.x1) - Math.max(first.x0, last.x0) > 0;
  if (sameColumnBelow && !isPastFloats) return false;
  if (Math.abs(last.fontSize - first.fontSize) > 0.08 * Math.max(last.fontSize, first.fontSize)) return false;
  if (last.isMonospace !== first.isMonospace) return false;
  const segment = lastSegment(before);
  const size = last.fontSize;
  const indented = first.x0 > after.segment.left + 0.5 * size;
  const isFull = last.x1 >= segment.right - 1.5 * size;
  const openSentence = !endsSentence(last.text);
  const lowercase = STARTS_LOWERCASE.test(first.text);
  if (/\p{L}[-‐]$/u.test(last.text) && /^\p{L}/u.test(first.text)) return true;
  if (!indented) return isFull || openSentence || lowercase;
  return openSentence && lowercase && isMainTextSize(first, body);
}

function isMainTextSize(line: Line, body: Style): boolean {
  return Math.abs(line.fontSize - body.fontSize) <= 0.1 * body.fontSize;
}

// ---------------------------------------------------------------------------------------------
// 6. Headings: multi-line headings, levels, the title.

/** A heading set on two lines in two sizes ("CHAPTER TWO: “Mere" / "Copyists”") is one heading. */
function mergeHeadingLines(blocks: readonly Block[]): Block[] {
  const result: Block[] = [];
  for (const block of blocks) {
    const previous = result.at(-1);
    if (previous?.kind === "HEADING" && block.kind === "HEADING" && isSameHeading(previous, block)) {
      previous.lines.push(...block.lines);
      continue;
    }
    result.push(block);
  }
  return result;
}

function isSameHeading(a: Block, b: Block): boolean {
  const last = a.lines.at(-1)!;
  const first = b.lines[0]!;
  if (last.page !== first.page || last.isMonospace !== first.isMonospace) return false;
  const gap = last.y - first.y;
  const text = a.lines.map((line) => line.text).join(" ");
  // A heading that ends mid-phrase (an open quote, a colon) goes on.
  const isOpen = /[“‘"(:–—-]$|“[^”]*$/u.test(text) || /^[a-z”’)]/u.test(first.text);
  return gap > 0 && gap <= 2.2 * Math.max(last.fontSize, first.fontSize) && isOpen;
}

const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty chapter part section".split(
    " ",
  ),
);

function titleWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "" && !NUMBER_WORDS.has(word) && !/^\d+$/.test(word) && !/^[ivxlc]+$/.test(word));
}

function assignHeadingLevels(blocks: Block[], document: PdfTextDocument): void {
  const headings = blocks.filter((block) => block.kind === "HEADING");
  if (headings.length === 0) return;
  const styleKey = (block: Block) => {
    const style = dominantStyle(block.lines);
    return `${Math.round(style.fontSize * 2) / 2}|${style.isBold}|${style.isMonospace}`;
  };
  const sizeOf = (key: string) => Number(key.split("|")[0]);

  // Outline entries name headings on their pages: their depth is the heading's level.
  const depthOf = new Map<Block, number>();
  for (const entry of document.outline) {
    if (entry.page === null) continue;
    const words = titleWords(entry.title);
    if (words.length === 0) continue;
    let best: { block: Block; score: number } | null = null;
    for (const block of headings) {
      const page = block.lines[0]!.page;
      if (page < entry.page || page > entry.page + 1 || depthOf.has(block)) continue;
      const blockWords = new Set(titleWords(block.lines.map((line) => line.text).join(" ")));
      const shared = words.filter((word) => blockWords.has(word)).length;
      const score = shared / words.length + (page === entry.page ? 0.01 : 0);
      if (shared / Math.max(blockWords.size, 1) >= 0.3 && (!best || score > best.score)) best = { block, score };
    }
    if (best && best.score >= 0.6) depthOf.set(best.block, entry.depth);
  }

  const depthByStyle = new Map<string, number>();
  if (depthOf.size > 0) {
    const votes = new Map<string, Map<number, number>>();
    for (const [block, depth] of depthOf) {
      const key = styleKey(block);
      const byDepth = votes.get(key) ?? new Map<number, number>();
      byDepth.set(depth, (byDepth.get(depth) ?? 0) + 1);
      votes.set(key, byDepth);
    }
    for (const [key, byDepth] of votes) depthByStyle.set(key, [...byDepth].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]);
  } else {
    // No outline: bigger (then bold) styles are higher levels.
    const keys = [...new Set(headings.map(styleKey))].sort(
      (a, b) => sizeOf(b) - sizeOf(a) || (b.includes("|true|") ? 1 : 0) - (a.includes("|true|") ? 1 : 0),
    );
    keys.forEach((key, rank) => depthByStyle.set(key, rank));
  }
  for (const block of headings) {
    const key = styleKey(block);
    let depth = depthOf.get(block) ?? depthByStyle.get(key);
    if (depth === undefined) {
      // A style the outline never names: one level below the deepest style at least as large.
      const deeper = [...depthByStyle].filter(([known]) => sizeOf(known) >= sizeOf(key)).map(([, known]) => known);
      depth = deeper.length > 0 ? Math.max(...deeper) + 1 : 0;
    }
    block.level = Math.min(MAX_HEADING_LEVEL, depth + 1);
  }
}

const JUNK_TITLE = /^(?:untitled|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|tex|dvi|indd|qxd|rtf|odt))$/i;

/** The title: the largest heading on the first page with text, when large; else the metadata's. */
function takeTitle(blocks: readonly Block[], document: PdfTextDocument, body: Style): { title: string | null; blocks: Block[] } {
  const firstPage = blocks[0]?.lines[0]!.page;
  const candidates = blocks.filter((block) => block.kind === "HEADING" && block.lines[0]!.page === firstPage);
  const largest = candidates.sort((a, b) => dominantStyle(b.lines).fontSize - dominantStyle(a.lines).fontSize)[0];
  if (largest && dominantStyle(largest.lines).fontSize >= 1.3 * body.fontSize) {
    const title = largest.lines
      .map((line) => line.text)
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    return { title, blocks: blocks.filter((block) => block !== largest) };
  }
  const metadata = document.metadataTitle?.trim() ?? "";
  const title = metadata.length >= 3 && !JUNK_TITLE.test(metadata) ? metadata : null;
  return { title, blocks: [...blocks] };
}

// ---------------------------------------------------------------------------------------------
// 7. Text.

function blockText(block: Block, counts: WordCounts): string {
  let text = "";
  for (const line of block.lines) text = joinLine(text, line.text, counts);
  if (block.kind === "LIST_ITEM") text = text.replace(BULLET, "");
  if (block.kind === "CODE") text = block.lines.map((line) => line.text).join("\n");
  return text.replace(/[ \t]+/g, " ").trim();
}

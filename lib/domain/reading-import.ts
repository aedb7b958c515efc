// Turns a plain-text extraction of a printed document into a Reading: title, the line printed
// above it, place and date, source credit, and whole paragraphs.
//
// Printed pages leave three kinds of debris in a text extraction, and each is handled here:
// - running headers repeated at every page break (and lone page numbers) → removed from the body,
//   credited once as the source;
// - a department line under the first header → part of the source credit;
// - paragraphs cut in two by a page break → joined back into one.
// Wording and spelling are never changed; only whitespace is normalised.

/**
 * What a paragraph is in the document it came from. Plain text and pasted readings are all TEXT;
 * PDF and Word imports keep headings (with a level), footnotes (NOTE, placed after the paragraph
 * that cites them), figure and table captions, block quotes, list items and code.
 */
export const PARAGRAPH_KINDS = ["TEXT", "HEADING", "NOTE", "CAPTION", "QUOTE", "LIST_ITEM", "CODE"] as const;
export type ParagraphKind = (typeof PARAGRAPH_KINDS)[number];

/** The deepest heading level kept (1 is a part or chapter; the reading's title is above all). */
export const MAX_HEADING_LEVEL = 4;

/** One paragraph as an importer finds it, before numbering. */
export type ReadingBlock = {
  text: string;
  kind: ParagraphKind;
  /** 1..MAX_HEADING_LEVEL for a HEADING, null otherwise. */
  level: number | null;
  /** The page of the original (PDF) where the paragraph starts, when there are pages. */
  page: number | null;
};

export type ImportedParagraph = {
  /** 1..n in reading order. */
  position: number;
  /** Content-derived key: the same text always gets the same key (see paragraphKey). */
  key: string;
  text: string;
  /** Offset of the paragraph's first character in canonicalText. */
  startOffset: number;
  kind: ParagraphKind;
  level: number | null;
  page: number | null;
};

export type ImportedReading = {
  title: string | null;
  /** A line printed above the title (an organisation or section name), as printed. */
  kicker: string | null;
  placeAndDate: string | null;
  /** ISO date (yyyy-mm-dd) parsed from placeAndDate, when it has one. */
  issuedOn: string | null;
  /** Running headers and department lines, each once, as printed. */
  source: string | null;
  paragraphs: ImportedParagraph[];
  /** The paragraphs joined by a blank line: what position selectors point into. */
  canonicalText: string;
};

export type ReadingImportErrorCode =
  | "EMPTY"
  | "BINARY"
  | "NO_PARAGRAPHS"
  | "TOO_LARGE"
  /** A PDF whose pages carry no text (a scan): there is nothing to read without OCR. */
  | "NO_TEXT"
  /** A file that is not what its name says, or that its reader cannot open (damaged). */
  | "UNREADABLE"
  /** A PDF that needs a password. */
  | "ENCRYPTED"
  /** An import that ran past its time limit (a huge or pathological file). */
  | "TIMEOUT";

export class ReadingImportError extends Error {
  readonly code: ReadingImportErrorCode;
  constructor(code: ReadingImportErrorCode, message: string) {
    super(message);
    this.name = "ReadingImportError";
    this.code = code;
  }
}

export type ImportReadingOptions = {
  /** Header lines known in advance; repeated short lines are detected without this. */
  runningHeaders?: readonly string[];
};

export const PARAGRAPH_SEPARATOR = "\n\n";

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;

const MAX_HEADER_LENGTH = 120;
/** The longest title a reading may have (the importer never guesses a longer one; the form refuses it). */
export const MAX_TITLE_LENGTH = 240;
const TERMINAL_PUNCTUATION = /[.!?:;…]["'”’»)\]]*$/u;
const STARTS_LOWERCASE = /^["'“‘«(]*\p{Ll}/u;
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?$/i;
const DEPARTMENT_LINE = /^(?:departamento|department|dept\.|département|section|sección|division)\b/i;
const PLACE_AND_DATE =
  /^(?:(?<place>\p{Lu}[\p{L}\p{M} .'’-]{0,60}),\s*)?(?:(?<day>\d{1,2})\s+(?<month>\p{L}+)|(?<month2>\p{L}+)\s+(?<day2>\d{1,2}),?)\s+(?<year>\d{4})\.?$/u;

/** Decodes, validates and imports a reading. Throws ReadingImportError on unusable input. */
export function importReading(input: string | Uint8Array, options: ImportReadingOptions = {}): ImportedReading {
  const text = normaliseText(decodeReadingText(input));
  const lines = text.split("\n");
  const headers = findRunningHeaders(lines, options.runningHeaders ?? []);

  // Blocks are runs of non-blank lines; `afterPageBreak` records that a header or page number
  // stood between a block and the one before it.
  type Block = { text: string; afterPageBreak: boolean };
  const blocks: Block[] = [];
  let current: string[] = [];
  let pendingBreak = false;
  let currentStartsAfterBreak = false;
  const flush = () => {
    if (current.length > 0) {
      blocks.push({ text: joinLines(current), afterPageBreak: currentStartsAfterBreak });
      current = [];
    }
  };
  for (const line of lines) {
    if (line === "") {
      flush();
      continue;
    }
    if (headers.has(line) || PAGE_NUMBER.test(line) || line === "\f") {
      // A header inside a run of lines (no blank lines around it) also ends nothing: the lines
      // on both sides belong to one paragraph and are simply joined.
      if (current.length === 0) pendingBreak = true;
      continue;
    }
    if (current.length === 0) {
      currentStartsAfterBreak = pendingBreak;
      pendingBreak = false;
    }
    current.push(line);
  }
  flush();

  const departmentLines: string[] = [];
  const frontMatter = splitFrontMatter(blocks.map((block) => block.text));
  for (const line of frontMatter.preamble) {
    if (DEPARTMENT_LINE.test(line)) departmentLines.push(line);
  }
  const kickerLines = frontMatter.preamble.filter((line) => !DEPARTMENT_LINE.test(line));

  const bodyBlocks = blocks.slice(frontMatter.bodyStart);
  const paragraphTexts: string[] = [];
  for (const block of bodyBlocks) {
    const previous = paragraphTexts.at(-1);
    if (previous !== undefined && block.afterPageBreak && isCutByPageBreak(previous, block.text)) {
      paragraphTexts[paragraphTexts.length - 1] = joinLines([previous, block.text]);
    } else {
      paragraphTexts.push(block.text);
    }
  }
  if (paragraphTexts.length === 0) {
    throw new ReadingImportError("NO_PARAGRAPHS", "The text has a title but no paragraphs to read.");
  }

  const paragraphs = layOutParagraphs(paragraphTexts);
  const source = [...headers.keys(), ...departmentLines].join(" — ") || null;

  return {
    title: frontMatter.title,
    kicker: kickerLines.length > 0 ? kickerLines.join(" · ") : null,
    placeAndDate: frontMatter.placeAndDate,
    issuedOn: frontMatter.placeAndDate ? parseIssuedOn(frontMatter.placeAndDate) : null,
    source,
    paragraphs,
    canonicalText: paragraphs.map((paragraph) => paragraph.text).join(PARAGRAPH_SEPARATOR),
  };
}

/**
 * Bytes or a string → text with line ends as "\n": UTF-8 (a BOM is dropped), refusing binary
 * and non-UTF-8 input. Shared by every importer (plain text, Markdown).
 */
export function decodeReadingText(input: string | Uint8Array): string {
  const raw = decode(input);
  const withoutBom = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  if (withoutBom.includes("\0") || controlCharacterShare(withoutBom) > 0.01) {
    throw new ReadingImportError("BINARY", "The file looks binary, not text. Upload a plain-text (.txt or .md) file.");
  }
  return withoutBom.replace(/\r\n?/g, "\n");
}

function decode(input: string | Uint8Array): string {
  if (typeof input === "string") return input;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    throw new ReadingImportError("BINARY", "The file is not UTF-8 text. Save it as plain text (UTF-8) and try again.");
  }
}

function normaliseText(raw: string): string {
  const text = raw
    // A form feed is a page break: keep it as a line of its own.
    .replace(/\f/g, "\n\f\n")
    .split("\n")
    .map((line) => (line === "\f" ? line : line.replace(/[ \t\u00A0]+/g, " ").trim()))
    .join("\n");
  if (text.replace(/\f/g, "").trim() === "") {
    throw new ReadingImportError("EMPTY", "The text is empty: there is nothing to import.");
  }
  return text;
}

function controlCharacterShare(text: string): number {
  if (text.length === 0) return 0;
  // Counts control characters on purpose (tab, line feed, form feed and carriage return are text).
  // eslint-disable-next-line no-control-regex
  const controls = text.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  return controls / text.length;
}

/**
 * Running headers are the short lines a page repeats: any short line that occurs at least
 * twice without ending like a sentence, plus the ones the caller names that occur at all.
 * The map keeps first-seen order (used for the source credit).
 */
function findRunningHeaders(lines: readonly string[], known: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (line === "" || line === "\f") continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const headers = new Map<string, number>();
  for (const [line, count] of counts) {
    const isKnown = known.includes(line);
    const looksRepeated = count >= 2 && line.length <= MAX_HEADER_LENGTH && !TERMINAL_PUNCTUATION.test(line);
    if (isKnown || looksRepeated) headers.set(line, count);
  }
  return headers;
}

type FrontMatter = {
  preamble: string[];
  title: string | null;
  placeAndDate: string | null;
  bodyStart: number;
};

/**
 * Finds the title and the place-and-date line. With a place-and-date line among the first
 * blocks, the title is the block just before it and anything above the title is preamble.
 * Without one, a short first block that does not read like a sentence is the title.
 */
function splitFrontMatter(blocks: readonly string[]): FrontMatter {
  const searchLimit = Math.min(blocks.length, 6);
  for (let index = 1; index < searchLimit; index += 1) {
    const block = blocks[index]!;
    if (PLACE_AND_DATE.test(block) && parseIssuedOn(block) !== null) {
      return {
        preamble: blocks.slice(0, index - 1),
        title: blocks[index - 1]!,
        placeAndDate: block,
        bodyStart: index + 1,
      };
    }
  }
  const first = blocks[0];
  if (first !== undefined && blocks.length > 1 && isTitleLike(first)) {
    return { preamble: [], title: first, placeAndDate: null, bodyStart: 1 };
  }
  return { preamble: [], title: null, placeAndDate: null, bodyStart: 0 };
}

function isTitleLike(block: string): boolean {
  return block.length <= MAX_TITLE_LENGTH && !/[.!?]$/.test(block);
}

/** Parses "Shanghai, 15 June 2006" (or "June 15, 2006") into "2006-06-15". */
export function parseIssuedOn(line: string): string | null {
  const match = PLACE_AND_DATE.exec(line);
  if (!match?.groups) return null;
  const { day, day2, month, month2, year } = match.groups;
  const monthIndex = MONTHS.indexOf((month ?? month2 ?? "").toLowerCase() as (typeof MONTHS)[number]);
  const dayNumber = Number(day ?? day2);
  if (monthIndex < 0 || !year) return null;
  const date = new Date(Date.UTC(Number(year), monthIndex, dayNumber));
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== dayNumber) return null;
  return date.toISOString().slice(0, 10);
}

/** A page break cut a paragraph when the text before it stops mid-sentence or the text after it
 *  starts in lower case. */
function isCutByPageBreak(before: string, after: string): boolean {
  return !TERMINAL_PUNCTUATION.test(before) || STARTS_LOWERCASE.test(after);
}

/** Joins wrapped lines with a space; a line ending in a hyphen joins without one (the hyphen
 *  stays: it may be part of the word). */
function joinLines(lines: readonly string[]): string {
  let joined = "";
  for (const line of lines) {
    if (joined === "") joined = line;
    else if (/\p{L}-$/u.test(joined) && /^\p{Ll}/u.test(line)) joined += line;
    else joined += ` ${line}`;
  }
  return joined;
}

/** A reading made of paragraph texts alone (no dateline, kicker or source): what the Markdown
 *  and paragraphs importers produce. */
export function assembleReading(texts: readonly string[], title: string | null): ImportedReading {
  return assembleReadingFromBlocks(texts.map(textBlock), title);
}

/** A reading made of typed blocks (PDF and Word imports): numbered, keyed and laid out. */
export function assembleReadingFromBlocks(
  blocks: readonly ReadingBlock[],
  title: string | null,
  source: string | null = null,
): ImportedReading {
  const paragraphs = layOutBlocks(blocks);
  return {
    title,
    kicker: null,
    placeAndDate: null,
    issuedOn: null,
    source,
    paragraphs,
    canonicalText: paragraphs.map((paragraph) => paragraph.text).join(PARAGRAPH_SEPARATOR),
  };
}

/** A plain paragraph: no kind, level or page. */
export function textBlock(text: string): ReadingBlock {
  return { text, kind: "TEXT", level: null, page: null };
}

/** Numbers paragraphs, keys them (a repeated text gets -2, -3 …) and places them in the
 *  canonical text. */
export function layOutParagraphs(texts: readonly string[]): ImportedParagraph[] {
  return layOutBlocks(texts.map(textBlock));
}

/** layOutParagraphs for typed blocks: kind, level and page are carried over. */
export function layOutBlocks(blocks: readonly ReadingBlock[]): ImportedParagraph[] {
  const seenKeys = new Map<string, number>();
  let offset = 0;
  return blocks.map(({ text, kind, level, page }, index) => {
    const baseKey = paragraphKey(text);
    const occurrences = (seenKeys.get(baseKey) ?? 0) + 1;
    seenKeys.set(baseKey, occurrences);
    const paragraph: ImportedParagraph = {
      position: index + 1,
      key: occurrences === 1 ? baseKey : `${baseKey}-${occurrences}`,
      text,
      startOffset: offset,
      kind,
      level: kind === "HEADING" ? level : null,
      page,
    };
    offset += text.length + PARAGRAPH_SEPARATOR.length;
    return paragraph;
  });
}

/** FNV-1a (32-bit) of the paragraph's text with case and spacing folded, in base 36. */
export function paragraphKey(text: string): string {
  const folded = text.toLowerCase().replace(/\s+/g, " ").trim();
  let hash = 0x811c9dc5;
  for (let index = 0; index < folded.length; index += 1) {
    hash ^= folded.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0");
}

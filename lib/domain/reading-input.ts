// What an instructor may hand in as a reading (pasted text or a .txt / .md file) and which
// importer reads it. The size limit is stated here once: the form shows it and the server checks it.

import { importMarkdownReading } from "./markdown-import.ts";
import { assembleReading, decodeReadingText, importReading, ReadingImportError, type ImportedReading } from "./reading-import.ts";

/**
 * - "text": a plain-text extraction (lib/domain/reading-import.ts: finds a title, drops running
 *   headers and page numbers, mends paragraphs cut by page breaks);
 * - "markdown": lib/domain/markdown-import.ts;
 * - "paragraphs": what editing a reading uses — paragraphs split on blank lines and nothing
 *   else, so the text saved is the text the editor shows (no title or header is guessed).
 */
export const READING_FORMATS = ["text", "markdown", "paragraphs"] as const;
export type ReadingFormat = (typeof READING_FORMATS)[number];
/** The formats offered when adding a reading. */
export const IMPORT_FORMATS = ["text", "markdown"] as const satisfies readonly ReadingFormat[];

/** 512 KiB of UTF-8: a long book chapter; a whole book should be split into readings. */
export const MAX_READING_BYTES = 512 * 1024;
export const MAX_READING_SIZE_LABEL = "512 KiB";

export const ACCEPTED_READING_FILE_TYPES = ".txt,.md,.markdown,text/plain,text/markdown";

/** The format a file's name announces, or null when it is neither .txt nor .md. */
export function readingFormatFromFileName(fileName: string): ReadingFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  if (lower.endsWith(".txt") || lower.endsWith(".text")) return "text";
  return null;
}

/** Size in bytes as UTF-8 (what the limit counts), for a string or bytes. */
export function byteLength(input: string | Uint8Array): number {
  return typeof input === "string" ? new TextEncoder().encode(input).length : input.length;
}

/** Checks the size, then imports with the format's importer. Throws ReadingImportError. */
export function importReadingInput(input: string | Uint8Array, format: ReadingFormat): ImportedReading {
  const size = byteLength(input);
  if (size > MAX_READING_BYTES) {
    throw new ReadingImportError(
      "TOO_LARGE",
      `The text is ${formatKiB(size)}; a reading can be at most ${MAX_READING_SIZE_LABEL}. Split it into several readings.`,
    );
  }
  if (format === "markdown") return importMarkdownReading(input);
  if (format === "paragraphs") return importParagraphs(input);
  return importReading(input);
}

/** Paragraphs separated by blank lines; wrapped lines joined with a space, spaces collapsed. */
export function importParagraphs(input: string | Uint8Array): ImportedReading {
  const texts = decodeReadingText(input)
    .split(/\n[ \t\u00A0]*\n/)
    .map((block) => block.replace(/\s+/g, " ").trim())
    .filter((block) => block !== "");
  if (texts.length === 0) throw new ReadingImportError("EMPTY", "The text is empty: there is nothing to save.");
  return assembleReading(texts, null);
}

function formatKiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

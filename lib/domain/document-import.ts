// Documents an instructor uploads (PDF, Word): which files are accepted, the shape of an import's
// result (what the preview shows and the save re-checks), and the sentences that tell the
// instructor what the import kept and left out. Pure; the work itself runs in the import worker
// (lib/server/readings/import/).
import type { PdfImportReport } from "./pdf-import.ts";
import { assembleReadingFromBlocks, type ImportedReading, type ReadingBlock } from "./reading-import.ts";
import type { WordImportReport } from "./word-import.ts";

export const DOCUMENT_FORMATS = ["pdf", "docx"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCUMENT_MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** For the file input's accept attribute. */
export const ACCEPTED_DOCUMENT_TYPES = `.pdf,.docx,${DOCUMENT_MEDIA_TYPES.pdf},${DOCUMENT_MEDIA_TYPES.docx}`;

/** The default upload cap (SCHOLIA_MAX_UPLOAD_MB overrides it). */
export const DEFAULT_MAX_UPLOAD_MB = 20;

/** A reading's text is at most this long (a long book is ~1 MB): past it, split the file. */
export const MAX_DOCUMENT_TEXT_CHARS = 4_000_000;

export type DocumentImportReport = { format: "pdf"; pdf: PdfImportReport } | { format: "docx"; word: WordImportReport };

/** What an import produced: kept as the preview, compared on save. */
export type DocumentImportResult = {
  format: DocumentFormat;
  /** The title the document gives itself, if any. */
  title: string | null;
  blocks: ReadingBlock[];
  report: DocumentImportReport;
};

/**
 * The format of an upload, from its first bytes (never from its name alone): "%PDF-" opens a
 * PDF, a ZIP container named .docx is a Word document. Anything else is null.
 */
export function detectDocumentFormat(fileName: string, bytes: Uint8Array): DocumentFormat | null {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 1024)));
  if (head.includes("%PDF-")) return "pdf";
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip && /\.docx$/i.test(fileName)) return "docx";
  return null;
}

/** An uploaded file's name, safe to store and show: no path, no control characters, bounded. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).at(-1) ?? "";
  const cleaned = [...base]
    .filter((char) => char !== '"' && char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join("")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return cleaned || "document";
}

/** A title from a file name when the document has none: "free_culture-2004.pdf" → "free culture 2004". */
export function titleFromFileName(fileName: string): string {
  return (
    cleanFileName(fileName)
      .replace(/\.[A-Za-z0-9]{1,5}$/, "")
      .replace(/[_-]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 240) || "Untitled reading"
  );
}

/** The reading an import result makes (numbered paragraphs, canonical text). */
export function readingFromImport(result: DocumentImportResult, title: string | null = result.title): ImportedReading {
  return assembleReadingFromBlocks(result.blocks, title);
}

export type ImportSummary = { kept: string[]; leftOut: string[] };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Sentences for the preview: what the import kept, and what it left out or could not keep as such. */
export function summarizeImport(result: DocumentImportResult): ImportSummary {
  const kinds = new Map<string, number>();
  for (const block of result.blocks) kinds.set(block.kind, (kinds.get(block.kind) ?? 0) + 1);
  const count = (kind: string) => kinds.get(kind) ?? 0;
  const kept = [plural(result.blocks.length, "paragraph")];
  if (count("HEADING") > 0) kept.push(`${plural(count("HEADING"), "heading")} (the table of contents)`);
  if (count("NOTE") > 0) kept.push(`${plural(count("NOTE"), "note")}, each after the paragraph that cites it`);
  if (count("CAPTION") > 0) kept.push(`${plural(count("CAPTION"), "figure or table caption")}`);
  if (count("QUOTE") > 0) kept.push(`${plural(count("QUOTE"), "block quote")}`);
  if (count("LIST_ITEM") > 0) kept.push(`${plural(count("LIST_ITEM"), "list item")}`);
  const leftOut: string[] = [];
  if (result.report.format === "pdf") {
    const report = result.report.pdf;
    kept.unshift(`${plural(report.pageCount, "page")}, each paragraph with the page it starts on`);
    if (report.pagesWithColumns > 0) kept.push(`${plural(report.pagesWithColumns, "page")} read column by column`);
    for (const line of report.runningLines.slice(0, 6)) {
      leftOut.push(`Running header or footer “${line.text}” (on ${plural(line.pages, "page")})`);
    }
    if (report.pageNumbersRemoved > 0) leftOut.push(`${plural(report.pageNumbersRemoved, "page number")}`);
    if (report.figureLinesLeftOut > 0)
      leftOut.push(`${plural(report.figureLinesLeftOut, "line")} of text inside figures (labels, chart text)`);
    if (report.rotatedTextLeftOut > 0) leftOut.push(`${plural(report.rotatedTextLeftOut, "piece")} of sideways text`);
    if (report.tableColumns > 0)
      leftOut.push(`Tables are not rebuilt: ${plural(report.tableColumns, "column")} of table cells kept as plain paragraphs`);
    if (report.pagesWithoutText > 0)
      leftOut.push(`${plural(report.pagesWithoutText, "page")} with no text (blank, or an image of text: no OCR)`);
    leftOut.push("Images and drawings (the original PDF is kept: download it to see them)");
  } else {
    const report = result.report.word;
    if (report.endnotes > 0) kept.push(`${plural(report.endnotes, "endnote")} at the end`);
    if (report.tables > 0)
      leftOut.push(`Tables are not rebuilt: ${plural(report.tables, "table")}, each row kept as a paragraph (cells separated by |)`);
    if (report.images > 0) leftOut.push(`${plural(report.images, "image")} (the original file is kept: download it to see them)`);
    leftOut.push("Fonts, colours and page layout");
  }
  return { kept, leftOut };
}

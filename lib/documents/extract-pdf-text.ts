// Reads a PDF with Mozilla's pdf.js (legacy build, the one that runs in Node) into plain data for
// the layout code in lib/domain/pdf-import.ts: each page's text items with their positions, the
// fonts they use, the outline and the title. No rendering, no OCR.
//
// This runs inside the import worker (lib/server/readings/import/import-worker.ts), never on a
// request thread: parsing a 350-page book takes seconds of CPU. It is also what tests call to get
// the items of the real fixture files.
import { existsSync } from "node:fs";
import path from "node:path";
import { ReadingImportError } from "../domain/reading-import.ts";
import type { PdfFont, PdfOutlineEntry, PdfTextDocument, PdfTextItem, PdfTextPage } from "../domain/pdf-text.ts";
import type * as PdfJsModule from "pdfjs-dist/legacy/build/pdf.mjs";

type PdfJs = typeof PdfJsModule;
type PdfDocumentProxy = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

export type ExtractPdfOptions = {
  /** Called after each page with (pages read, pages in the file). */
  onProgress?: (pagesDone: number, pageCount: number) => void;
  /** Files with more pages are refused (each page costs time and memory). */
  maxPages?: number;
};

/** More outline entries than this are ignored (a table of contents is never that long). */
const MAX_OUTLINE_ENTRIES = 2_000;
export const DEFAULT_MAX_PDF_PAGES = 2_000;

let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * pdf.js parses in a "worker"; in Node it would load its worker script from a path next to the
 * library, which a bundle does not have. Handing it the worker's message handler runs the parser
 * in this thread instead — which is already the import worker, off the request thread.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return pdfjsPromise;
}

/** True when the bytes start like a PDF ("%PDF-" within the first KiB, as readers accept). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}

export async function extractPdfText(bytes: Uint8Array, options: ExtractPdfOptions = {}): Promise<PdfTextDocument> {
  if (!looksLikePdf(bytes)) {
    throw new ReadingImportError("UNREADABLE", "This file is not a PDF (it does not start like one). Upload a .pdf or .docx file.");
  }
  const pdfjs = await loadPdfJs();
  let document: PdfDocumentProxy;
  try {
    document = await pdfjs.getDocument({
      // pdf.js takes ownership of the buffer it is given: hand it a copy.
      data: bytes.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
      ...resourcePaths(),
    }).promise;
  } catch (error) {
    throw describeOpenError(error);
  }
  try {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PDF_PAGES;
    if (document.numPages > maxPages) {
      throw new ReadingImportError(
        "TOO_LARGE",
        `This PDF has ${document.numPages} pages; Scholia imports at most ${maxPages}. Split it into several readings.`,
      );
    }
    const fonts: Record<string, PdfFont> = {};
    const pages: PdfTextPage[] = [];
    let unreadablePages = 0;
    for (let number = 1; number <= document.numPages; number += 1) {
      try {
        pages.push(await readPage(document, number, fonts));
      } catch {
        // A damaged page: the others are still worth reading; it is counted and reported.
        unreadablePages += 1;
        pages.push({ number, box: [0, 0, 612, 792], items: [], rotatedItems: 0 });
      }
      options.onProgress?.(number, document.numPages);
    }
    if (unreadablePages === document.numPages) {
      throw new ReadingImportError("UNREADABLE", "This PDF is damaged: none of its pages could be read.");
    }
    return {
      pages,
      fonts,
      outline: await readOutline(document),
      metadataTitle: await readTitle(document),
    };
  } finally {
    await document.destroy();
  }
}

/** cMaps are needed to read the text of CJK fonts; both folders ship with pdfjs-dist. */
function resourcePaths(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } {
  const root = path.join(process.cwd(), "node_modules", "pdfjs-dist");
  const cmaps = path.join(root, "cmaps") + path.sep;
  const standardFonts = path.join(root, "standard_fonts") + path.sep;
  return {
    ...(existsSync(cmaps) ? { cMapUrl: cmaps, cMapPacked: true } : {}),
    ...(existsSync(standardFonts) ? { standardFontDataUrl: standardFonts } : {}),
  };
}

function describeOpenError(error: unknown): ReadingImportError {
  const name = (error as { name?: string } | null)?.name;
  if (name === "PasswordException") {
    return new ReadingImportError(
      "ENCRYPTED",
      "This PDF is protected by a password. Save a copy without the password (or print it to PDF) and upload that.",
    );
  }
  return new ReadingImportError(
    "UNREADABLE",
    "This PDF is damaged or not a PDF that can be read. Try saving it again from the program that made it (or print it to PDF).",
  );
}

async function readPage(document: PdfDocumentProxy, number: number, fonts: Record<string, PdfFont>): Promise<PdfTextPage> {
  const page = await document.getPage(number);
  try {
    const content = await page.getTextContent();
    const items: PdfTextItem[] = [];
    let rotatedItems = 0;
    const unseenFonts = new Set<string>();
    for (const item of content.items) {
      if (!("str" in item) || item.str === "") continue;
      const [a, b, c, d, e, f] = item.transform as number[];
      if (Math.abs(b!) > 0.05 * Math.abs(a!) || Math.abs(c!) > 0.05 * Math.abs(d!) || a! <= 0 || d! <= 0) {
        if (item.str.trim() !== "") rotatedItems += 1;
        continue;
      }
      items.push({ text: item.str, x: e!, y: f!, width: item.width, fontSize: Math.hypot(c!, d!), fontId: item.fontName });
      if (!(item.fontName in fonts)) unseenFonts.add(item.fontName);
    }
    if (unseenFonts.size > 0) {
      // The font's name (and so its weight) is only known once the page's drawing operations have
      // been read; a document introduces its fonts on a few pages, so this runs on those only.
      await page.getOperatorList();
      for (const id of unseenFonts) fonts[id] = describeFont(id, page.commonObjs, content.styles[id]?.fontFamily);
    }
    const [left, bottom, right, top] = page.view as [number, number, number, number];
    return { number, box: [left, bottom, right, top], items, rotatedItems };
  } finally {
    page.cleanup();
  }
}

function describeFont(id: string, commonObjs: { has(id: string): boolean; get(id: string): unknown }, family: string | undefined): PdfFont {
  let name: string | null = null;
  let bold = false;
  let italic = false;
  try {
    if (commonObjs.has(id)) {
      const font = commonObjs.get(id) as { name?: string; bold?: boolean; black?: boolean; italic?: boolean };
      name = typeof font.name === "string" ? font.name : null;
      bold = Boolean(font.bold || font.black);
      italic = Boolean(font.italic);
    }
  } catch {
    // A font pdf.js could not load: its text is still there, only its weight is unknown.
  }
  const baseName = (name ?? "").replace(/^[A-Z]{6}\+/, "");
  return {
    id,
    name: baseName || null,
    isBold: bold || /bold|black|heavy|semibold|demi|-medi|medium|\bbd\b|-bd|-hv/i.test(baseName),
    isItalic: italic || /italic|oblique|-it\b|-ital/i.test(baseName),
    isMonospace: family === "monospace",
  };
}

async function readOutline(document: PdfDocumentProxy): Promise<PdfOutlineEntry[]> {
  type OutlineNode = { title: string; dest: string | unknown[] | null; items: OutlineNode[] };
  let roots: OutlineNode[] | null;
  try {
    roots = await document.getOutline();
  } catch {
    return [];
  }
  const entries: PdfOutlineEntry[] = [];
  const visit = async (nodes: readonly OutlineNode[], depth: number): Promise<void> => {
    for (const node of nodes) {
      if (entries.length >= MAX_OUTLINE_ENTRIES) return;
      entries.push({ title: node.title.replace(/\s+/g, " ").trim(), page: await destinationPage(document, node.dest), depth });
      await visit(node.items ?? [], depth + 1);
    }
  };
  await visit(roots ?? [], 0);
  return entries.filter((entry) => entry.title !== "");
}

async function destinationPage(document: PdfDocumentProxy, dest: string | unknown[] | null): Promise<number | null> {
  try {
    const explicit: unknown[] | null = typeof dest === "string" ? await document.getDestination(dest) : dest;
    const target = explicit?.[0];
    if (target === undefined || target === null) return null;
    if (typeof target === "number") return target + 1;
    return (await document.getPageIndex(target as Parameters<PdfDocumentProxy["getPageIndex"]>[0])) + 1;
  } catch {
    return null;
  }
}

async function readTitle(document: PdfDocumentProxy): Promise<string | null> {
  try {
    const { info, metadata } = await document.getMetadata();
    const fromXmp: unknown = metadata?.get("dc:title");
    const fromInfo = (info as { Title?: unknown } | null)?.Title;
    const title = [fromXmp, fromInfo].find((value): value is string => typeof value === "string" && value.trim() !== "");
    return title ? title.replace(/\s+/g, " ").trim() : null;
  } catch {
    return null;
  }
}

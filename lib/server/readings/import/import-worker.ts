// The import worker: one file in, the import's result out, in its own thread so that parsing a
// long PDF never holds up the requests of the app instance that runs it. Started by
// run-import-worker.ts; it posts progress (pages read) and then the result or the refusal.
// (No "server-only" here: this module is the entry of a worker thread, outside React's server.)
import { parentPort, workerData } from "node:worker_threads";
import { extractDocxDocument } from "../../../documents/extract-docx-document.ts";
import { extractPdfText } from "../../../documents/extract-pdf-text.ts";
import { MAX_DOCUMENT_TEXT_CHARS, type DocumentFormat, type DocumentImportResult } from "../../../domain/document-import.ts";
import { importPdfText } from "../../../domain/pdf-import.ts";
import { ReadingImportError, type ImportedReading } from "../../../domain/reading-import.ts";
import { importWordDocument } from "../../../domain/word-import.ts";

export type ImportWorkerInput = { format: DocumentFormat; bytes: Uint8Array };

export type ImportWorkerMessage =
  | { type: "progress"; pagesDone: number; pagesTotal: number }
  | { type: "done"; result: DocumentImportResult }
  | { type: "failed"; code: string; message: string };

function blocksOf(reading: ImportedReading): DocumentImportResult["blocks"] {
  if (reading.canonicalText.length > MAX_DOCUMENT_TEXT_CHARS) {
    throw new ReadingImportError(
      "TOO_LARGE",
      `This document holds ${Math.round(reading.canonicalText.length / 1_000_000)} million characters of text; a reading can hold at most ${MAX_DOCUMENT_TEXT_CHARS / 1_000_000} million. Split it into several readings.`,
    );
  }
  return reading.paragraphs.map(({ text, kind, level, page }) => ({ text, kind, level, page }));
}

async function importDocument(
  { format, bytes }: ImportWorkerInput,
  post: (message: ImportWorkerMessage) => void,
): Promise<DocumentImportResult> {
  if (format === "pdf") {
    const document = await extractPdfText(bytes, {
      onProgress: (pagesDone, pagesTotal) => post({ type: "progress", pagesDone, pagesTotal }),
    });
    const { reading, report } = importPdfText(document);
    return { format, title: reading.title, blocks: blocksOf(reading), report: { format: "pdf", pdf: report } };
  }
  const { reading, report } = importWordDocument(await extractDocxDocument(bytes));
  return { format, title: reading.title, blocks: blocksOf(reading), report: { format: "docx", word: report } };
}

if (parentPort) {
  const port = parentPort;
  const post = (message: ImportWorkerMessage) => port.postMessage(message);
  importDocument(workerData as ImportWorkerInput, post).then(
    (result) => post({ type: "done", result }),
    (error: unknown) => {
      if (error instanceof ReadingImportError) {
        post({ type: "failed", code: error.code, message: error.message });
      } else {
        console.error("Reading import failed:", error);
        post({
          type: "failed",
          code: "UNREADABLE",
          message: "This file could not be read. If it opens on your computer, save it again (or print it to PDF) and upload that.",
        });
      }
    },
  );
}

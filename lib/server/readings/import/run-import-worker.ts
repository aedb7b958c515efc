import "server-only";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DocumentFormat, DocumentImportResult } from "../../../domain/document-import.ts";
import { ReadingImportError, type ReadingImportErrorCode } from "../../../domain/reading-import.ts";
import type { ImportWorkerInput, ImportWorkerMessage } from "./import-worker.ts";

/** Memory one import may use: a worker past it is stopped and the file refused. */
const WORKER_HEAP_MB = 1024;

/**
 * The worker thread, bundled by Next.js (Turbopack bundles `new Worker(new URL(…))` entries)
 * or, outside a Next.js build, compiled by tsx through a small boot file.
 */
function startWorker(input: ImportWorkerInput): Worker {
  const options = {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    transferList: [input.bytes.buffer as ArrayBuffer],
  };
  if (process.env.NEXT_RUNTIME === undefined) {
    // Paths built at run time: the bundler must not try to bundle this branch's files.
    const here = path.dirname(fileURLToPath(import.meta.url));
    const boot = pathToFileURL(path.join(here, "typescript-worker-boot.mjs"));
    const entry = pathToFileURL(path.join(here, "import-worker.ts")).href;
    return Reflect.construct(Worker, [boot, { ...options, workerData: { ...input, entry } }]) as Worker;
  }
  return new Worker(new URL("./import-worker.ts", import.meta.url), { ...options, workerData: input });
}

/**
 * Imports a PDF or Word file in a worker thread. Resolves with the result; rejects with a
 * ReadingImportError carrying the refusal's code and message (or TIMEOUT past `timeoutMs`).
 */
export function runImportWorker({
  format,
  bytes,
  timeoutMs,
  onProgress,
}: {
  format: DocumentFormat;
  bytes: Uint8Array;
  timeoutMs: number;
  onProgress?: (pagesDone: number, pagesTotal: number) => void;
}): Promise<DocumentImportResult> {
  // The worker takes the bytes over (transferred, not copied): give it its own copy.
  const worker = startWorker({ format, bytes: bytes.slice() });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ReadingImportError(
              "TIMEOUT",
              `Importing this file took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped. Split it into smaller files and try again.`,
            ),
          ),
        ),
      timeoutMs,
    );
    worker.on("message", (message: ImportWorkerMessage) => {
      if (message.type === "progress") onProgress?.(message.pagesDone, message.pagesTotal);
      else if (message.type === "done") settle(() => resolve(message.result));
      else settle(() => reject(new ReadingImportError(message.code as ReadingImportErrorCode, message.message)));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      if (!outOfMemory) console.error("Reading import worker crashed:", error);
      settle(() =>
        reject(
          new ReadingImportError(
            outOfMemory ? "TOO_LARGE" : "UNREADABLE",
            outOfMemory
              ? "This file needs more memory to import than Scholia allows. Split it into smaller files and try again."
              : "This file could not be read. If it opens on your computer, save it again (or print it to PDF) and upload that.",
          ),
        ),
      );
    });
    worker.on("exit", (code) => {
      settle(() => reject(new ReadingImportError("UNREADABLE", `The import stopped unexpectedly (exit ${code}). Try again.`)));
    });
  });
}

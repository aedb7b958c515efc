import "server-only";
import type { DocumentFormat } from "../../../domain/document-import.ts";
import { ReadingImportError } from "../../../domain/reading-import.ts";
import { getDb } from "../../db.ts";
import { getServerEnv } from "../../env.ts";
import { importDigest } from "./import-digest.ts";
import { enqueueImportWork } from "./import-queue.ts";
import { runImportWorker } from "./run-import-worker.ts";

/** Progress is written at most this often: a 350-page book is not 350 updates. */
const PROGRESS_WRITE_INTERVAL_MS = 500;

/**
 * Queues the import of an uploaded file and, when its turn comes, runs it in a worker thread:
 * RUNNING with pages read as they are read, then DONE with the result (the preview) and its
 * digest, or FAILED with the refusal's message. Never throws: the outcome is in the row.
 */
export function processReadingImport(importId: string): Promise<void> {
  return enqueueImportWork(importId, () => runImport(importId)).catch((error: unknown) => {
    console.error(`Reading import ${importId} could not be recorded:`, error);
  });
}

async function runImport(importId: string): Promise<void> {
  const db = getDb();
  const job = await db.readingImport.findUnique({
    where: { id: importId },
    select: { status: true, format: true, file: { select: { bytes: true } } },
  });
  if (!job || job.status !== "QUEUED") return;
  await db.readingImport.update({ where: { id: importId }, data: { status: "RUNNING", heartbeatAt: new Date(), pagesDone: 0 } });
  let lastWrite = 0;
  let progressWrite: Promise<unknown> = Promise.resolve();
  try {
    const result = await runImportWorker({
      format: job.format as DocumentFormat,
      bytes: new Uint8Array(job.file.bytes),
      timeoutMs: getServerEnv().SCHOLIA_IMPORT_TIMEOUT_SECONDS * 1000,
      onProgress: (pagesDone, pagesTotal) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS && pagesDone < pagesTotal) return;
        lastWrite = now;
        progressWrite = progressWrite
          .then(() =>
            db.readingImport.updateMany({
              where: { id: importId, status: "RUNNING" },
              data: { pagesDone, pagesTotal, heartbeatAt: new Date() },
            }),
          )
          .catch(() => undefined);
      },
    });
    await progressWrite;
    await db.readingImport.update({
      where: { id: importId },
      data: {
        status: "DONE",
        result,
        digest: importDigest(result),
        finishedAt: new Date(),
        heartbeatAt: new Date(),
      },
    });
  } catch (error) {
    await progressWrite;
    const refusal =
      error instanceof ReadingImportError
        ? error
        : new ReadingImportError(
            "UNREADABLE",
            "This file could not be imported. Try again; if it fails again, save the file anew and upload that.",
          );
    if (!(error instanceof ReadingImportError)) console.error(`Reading import ${importId} failed:`, error);
    await db.readingImport.update({
      where: { id: importId },
      data: { status: "FAILED", errorCode: refusal.code, errorMessage: refusal.message, finishedAt: new Date() },
    });
  }
}

import "server-only";
import type { ReadingImportStatus } from "../../../api/reading-imports.ts";
import type { DocumentFormat, DocumentImportResult } from "../../../domain/document-import.ts";
import { AppError } from "../../app-error.ts";
import { getDb } from "../../db.ts";
import { failIfInterrupted, INTERRUPTED_MESSAGE } from "./import-liveness.ts";

/** What the status endpoint answers (lib/api/reading-imports.ts). */
export type ReadingImportStatusView = ReadingImportStatus;

export type ReadingImportView = ReadingImportStatusView & { result: DocumentImportResult | null; digest: string | null };

export function readingImportNotFound(): AppError {
  return new AppError("NOT_FOUND", "Import not found.");
}

/**
 * An import as its owner sees it (anyone else: the same 404 as a missing one). An import left
 * waiting or running by an instance that stopped is reported as interrupted. `withResult` loads
 * the preview too (large for a book); progress polling leaves it out.
 */
export async function findReadingImport({
  actorId,
  importId,
  withResult,
}: {
  actorId: string;
  importId: string;
  withResult: boolean;
}): Promise<ReadingImportView> {
  const row = await getDb().readingImport.findFirst({
    where: { id: importId, createdById: actorId },
    select: {
      id: true,
      status: true,
      format: true,
      pagesDone: true,
      pagesTotal: true,
      errorCode: true,
      errorMessage: true,
      readingId: true,
      heartbeatAt: true,
      digest: true,
      result: withResult,
      file: { select: { fileName: true, byteSize: true } },
    },
  });
  if (!row) throw readingImportNotFound();
  const interrupted = await failIfInterrupted(row.id, row.status, row.heartbeatAt);
  return {
    id: row.id,
    state: interrupted ? "FAILED" : row.status,
    format: row.format as DocumentFormat,
    fileName: row.file.fileName,
    byteSize: row.file.byteSize,
    pagesDone: row.pagesDone,
    pagesTotal: row.pagesTotal,
    error: interrupted
      ? { code: "INTERRUPTED", message: INTERRUPTED_MESSAGE }
      : row.errorCode
        ? { code: row.errorCode, message: row.errorMessage ?? "The import failed." }
        : null,
    readingId: row.readingId,
    result: withResult && row.status === "DONE" ? (row.result as unknown as DocumentImportResult) : null,
    digest: row.digest,
  };
}

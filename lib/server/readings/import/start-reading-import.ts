import "server-only";
import { createHash } from "node:crypto";
import { cleanFileName, DOCUMENT_MEDIA_TYPES, detectDocumentFormat } from "../../../domain/document-import.ts";
import { canCreateReading } from "../../../domain/reading-access.ts";
import { AppError } from "../../app-error.ts";
import { getDb } from "../../db.ts";
import { loadActorContext } from "../../permissions/annotation-scope.ts";
import { onlyInstructors } from "../preview-new-reading.ts";
import { STALE_AFTER_MS } from "./import-liveness.ts";
import { processReadingImport } from "./process-reading-import.ts";
import { maxUploadBytes, uploadTooLarge } from "./upload-limits.ts";

/** Imports one person may have waiting or running at once. */
const MAX_IMPORTS_IN_FLIGHT = 3;
/** Unsaved imports (and their files) are kept this long, then deleted. */
const UNSAVED_IMPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps an uploaded PDF or Word file and queues its import. Instructors only. The file's format
 * is read from its bytes; anything else is refused. Returns the import, whose page shows its
 * progress and then the preview.
 */
export async function startReadingImport({
  actorId,
  fileName,
  bytes,
}: {
  actorId: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<{ id: string }> {
  if (!canCreateReading(await loadActorContext(actorId))) throw onlyInstructors();
  const name = cleanFileName(fileName);
  const fileError = (code: "VALIDATION" | "UNSUPPORTED_MEDIA_TYPE", message: string) =>
    new AppError(code, message, { fieldErrors: { file: [message] } });
  if (bytes.length === 0) throw fileError("VALIDATION", `“${name}” is empty.`);
  if (bytes.length > maxUploadBytes()) throw uploadTooLarge(name, bytes.length);
  const format = detectDocumentFormat(name, bytes);
  if (!format) {
    throw fileError(
      "UNSUPPORTED_MEDIA_TYPE",
      `“${name}” is not a PDF or a Word (.docx) file. For plain text or Markdown, paste it or upload it in the form below.`,
    );
  }

  const db = getDb();
  const freshSince = new Date(Date.now() - STALE_AFTER_MS);
  const inFlight = await db.readingImport.count({
    where: { createdById: actorId, status: { in: ["QUEUED", "RUNNING"] }, heartbeatAt: { gte: freshSince } },
  });
  if (inFlight >= MAX_IMPORTS_IN_FLIGHT) {
    throw new AppError("RATE_LIMITED", `You have ${inFlight} imports under way. Wait for one to finish, then upload this file.`, {
      retryAfterSeconds: 10,
    });
  }
  await deleteExpiredImports();

  const created = await db.readingImport.create({
    data: {
      format,
      createdBy: { connect: { id: actorId } },
      file: {
        create: {
          fileName: name,
          mediaType: DOCUMENT_MEDIA_TYPES[format],
          byteSize: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>,
          uploadedBy: { connect: { id: actorId } },
        },
      },
    },
    select: { id: true },
  });
  void processReadingImport(created.id);
  return created;
}

/** Unsaved imports older than a day go, with the files no reading keeps. */
async function deleteExpiredImports(): Promise<void> {
  const db = getDb();
  const before = new Date(Date.now() - UNSAVED_IMPORT_LIFETIME_MS);
  await db.readingImport.deleteMany({ where: { readingId: null, createdAt: { lt: before } } });
  await db.readingFile.deleteMany({ where: { createdAt: { lt: before }, readings: { none: {} }, imports: { none: {} } } });
}

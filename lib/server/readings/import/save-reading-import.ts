import "server-only";
import { readingFromImport } from "../../../domain/document-import.ts";
import { canCreateReading } from "../../../domain/reading-access.ts";
import { ReadingImportError } from "../../../domain/reading-import.ts";
import { AppError } from "../../app-error.ts";
import { getDb } from "../../db.ts";
import { getServerEnv } from "../../env.ts";
import { loadActorContext } from "../../permissions/annotation-scope.ts";
import { insertReading } from "../insert-reading.ts";
import { MAX_TITLE_LENGTH } from "../../../domain/reading-import.ts";
import { isSaveableText, UNSAVEABLE_TEXT_MESSAGE } from "../../../domain/saveable-text.ts";
import { previewOutdated } from "../prepare-reading-text.ts";
import { onlyInstructors } from "../preview-new-reading.ts";
import { findReadingImport } from "./find-reading-import.ts";
import { importDigest } from "./import-digest.ts";
import { enqueueImportWork } from "./import-queue.ts";
import { runImportWorker } from "./run-import-worker.ts";

/**
 * Saves the reading an import previewed. The file is imported again here — the stored preview is
 * not trusted to be what today's importer makes of it — and must give exactly the paragraphs the
 * instructor saw (`previewDigest`); if not, the new result becomes the preview and the save is
 * refused (CONFLICT) so the instructor can check it. The reading keeps the original file.
 */
export async function saveReadingImport({
  actorId,
  importId,
  title,
  previewDigest,
}: {
  actorId: string;
  importId: string;
  title: string;
  previewDigest: string;
}): Promise<{ readingId: string }> {
  if (!canCreateReading(await loadActorContext(actorId))) throw onlyInstructors();
  const current = await findReadingImport({ actorId, importId, withResult: false });
  if (current.readingId) return { readingId: current.readingId };
  if (current.state !== "DONE") throw new AppError("CONFLICT", "This import has no preview to save yet.");
  const cleanTitle = title.replace(/\s+/g, " ").trim();
  // The preview shows whatever was typed; PostgreSQL cannot hold U+0000, so it is refused here
  // with the other title rules rather than failing the insert.
  if (cleanTitle === "" || cleanTitle.length > MAX_TITLE_LENGTH || !isSaveableText(cleanTitle)) {
    const message =
      cleanTitle === ""
        ? "Give the reading a title."
        : !isSaveableText(cleanTitle)
          ? UNSAVEABLE_TEXT_MESSAGE
          : `The title is at most ${MAX_TITLE_LENGTH} characters.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { title: [message] } });
  }
  if (previewDigest !== current.digest) throw previewOutdated();

  const db = getDb();
  const { file } = await db.readingImport.findUniqueOrThrow({
    where: { id: importId },
    select: { file: { select: { id: true, bytes: true } } },
  });
  let fresh;
  try {
    fresh = await enqueueImportWork(importId, () =>
      runImportWorker({
        format: current.format,
        bytes: new Uint8Array(file.bytes),
        timeoutMs: getServerEnv().SCHOLIA_IMPORT_TIMEOUT_SECONDS * 1000,
      }),
    );
  } catch (error) {
    if (error instanceof ReadingImportError) throw new AppError("CONFLICT", `Importing the file again failed: ${error.message}`);
    throw error;
  }
  const freshDigest = importDigest(fresh);
  if (freshDigest !== current.digest) {
    await db.readingImport.update({
      where: { id: importId },
      data: { result: fresh, digest: freshDigest },
    });
    throw new AppError(
      "CONFLICT",
      "Importing the file again gave different paragraphs (Scholia's importer changed since the preview). Check the new preview below, then save.",
    );
  }

  const imported = readingFromImport(fresh, cleanTitle);
  return db.$transaction(
    async (tx) => {
      // One reading per import, even when two saves race.
      const claimed = await tx.readingImport.updateMany({ where: { id: importId, readingId: null }, data: { heartbeatAt: new Date() } });
      if (claimed.count === 0) {
        const saved = await tx.readingImport.findUniqueOrThrow({ where: { id: importId }, select: { readingId: true } });
        if (saved.readingId) return { readingId: saved.readingId };
      }
      const reading = await insertReading(tx, { title: cleanTitle, imported, createdById: actorId, originalFileId: file.id });
      await tx.readingImport.update({ where: { id: importId }, data: { readingId: reading.id } });
      return { readingId: reading.id };
      // A book is a few thousand paragraphs: more than the default five seconds on a busy machine.
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

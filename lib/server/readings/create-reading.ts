import "server-only";
import { canCreateReading } from "../../domain/reading-access.ts";
import { getDb } from "../db.ts";
import { insertReading } from "./insert-reading.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { prepareReadingText, previewOutdated, type ReadingTextInput } from "./prepare-reading-text.ts";
import { onlyInstructors } from "./preview-new-reading.ts";

/**
 * Saves an instructor's own reading (not public: its creator and the courses it is assigned in
 * see it). The text is imported again here — the preview is never trusted — and must be the one
 * previewed (`previewDigest`), so what is saved is what the instructor saw.
 */
export async function createReading({
  actorId,
  input,
  previewDigest,
}: {
  actorId: string;
  input: ReadingTextInput;
  previewDigest: string | null;
}): Promise<{ id: string }> {
  if (!canCreateReading(await loadActorContext(actorId))) throw onlyInstructors();
  const { title, imported, digest } = prepareReadingText(input);
  if (previewDigest !== digest) throw previewOutdated();
  return getDb().$transaction((tx) => insertReading(tx, { title, imported, createdById: actorId }));
}

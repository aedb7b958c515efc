import "server-only";
import { planParagraphChanges } from "../../domain/reading-versions.ts";
import type { ReadingPreview } from "../../reading-form-state.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { loadEditableReading } from "./load-editable-reading.ts";
import { prepareReadingText } from "./prepare-reading-text.ts";

/** What an edit of the text would make of the reading, saving nothing: the new paragraphs and
 *  how many of the current ones are kept, changed, added and removed. */
export async function previewReadingEdit({
  actorId,
  readingId,
  input,
}: {
  actorId: string;
  readingId: string;
  input: { title: string; text: string };
}): Promise<ReadingPreview> {
  const reading = await loadEditableReading(getDb(), await loadActorContext(actorId), readingId);
  const prepared = prepareReadingText({ ...input, format: "paragraphs" });
  const plan = planParagraphChanges(reading.paragraphs, prepared.imported.paragraphs);
  const changed = plan.updates.filter((update) => update.isTextChanged).length;
  return {
    title: prepared.title,
    paragraphs: prepared.imported.paragraphs.map(({ position, text }) => ({ position, text })),
    digest: prepared.digest,
    changes: { kept: plan.updates.length - changed, changed, added: plan.creates.length, removed: plan.retires.length },
  };
}

import "server-only";
import { planParagraphChanges, reanchorTarget } from "../../domain/reading-versions.ts";
import type { ReadingPreview } from "../../reading-form-state.ts";
import { getDb } from "../db.ts";
import { annotationReadScope, loadActorContext } from "../permissions/annotation-scope.ts";
import { loadEditableReading } from "./load-editable-reading.ts";
import { prepareReadingText } from "./prepare-reading-text.ts";

/** What an edit of the text would make of the reading, saving nothing: the new paragraphs, how
 *  many of the current ones are kept, changed, added and removed, and how many annotations the
 *  editor can see would lose their place. */
export async function previewReadingEdit({
  actorId,
  readingId,
  input,
}: {
  actorId: string;
  readingId: string;
  input: { title: string; text: string };
}): Promise<ReadingPreview> {
  const db = getDb();
  const actor = await loadActorContext(actorId);
  const reading = await loadEditableReading(db, actor, readingId);
  const prepared = prepareReadingText({ ...input, format: "paragraphs" });
  const { imported } = prepared;
  const plan = planParagraphChanges(reading.paragraphs, imported.paragraphs);
  const changed = plan.updates.filter((update) => update.isTextChanged).length;

  // The same re-anchoring the save does, dry, over what the editor may see (the permission core).
  const visible = { AND: [annotationReadScope(actor), { readingId, parentId: null, deletedAt: null, anchorStatus: "ANCHORED" as const }] };
  const [targets, postsOnRemoved] = await Promise.all([
    db.annotation.findMany({
      where: { AND: [visible, { startOffset: { not: null }, endOffset: { not: null }, quoteExact: { not: null } }] },
      select: { startOffset: true, endOffset: true, quoteExact: true, quotePrefix: true, quoteSuffix: true },
    }),
    plan.retires.length > 0
      ? db.annotation.count({ where: { AND: [visible, { kind: "PARAGRAPH_POST", paragraphId: { in: plan.retires } }] } })
      : Promise.resolve(0),
  ]);
  const lostRanges = targets.filter(
    (target) =>
      reanchorTarget(imported.canonicalText, imported.paragraphs, {
        startOffset: target.startOffset!,
        endOffset: target.endOffset!,
        quoteExact: target.quoteExact!,
        quotePrefix: target.quotePrefix,
        quoteSuffix: target.quoteSuffix,
      }).status === "orphan",
  ).length;
  return {
    title: prepared.title,
    paragraphs: imported.paragraphs.map(({ position, text }) => ({ position, text })),
    digest: prepared.digest,
    changes: {
      kept: plan.updates.length - changed,
      changed,
      added: plan.creates.length,
      removed: plan.retires.length,
      orphaned: lostRanges + postsOnRemoved,
    },
  };
}

import "server-only";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { recordAnnotationEvent } from "../realtime/record-annotation-event.ts";
import { loadActionableAnnotation } from "./load-actionable-annotation.ts";

/** Upvotes a post, or takes the upvote back: one per person, never one's own. */
export async function toggleUpvote({
  actorId,
  annotationId,
}: {
  actorId: string;
  annotationId: string;
}): Promise<{ hasUpvoted: boolean; upvoteCount: number }> {
  const { row } = await loadActionableAnnotation(actorId, annotationId);
  if (row.authorId === actorId) throw new AppError("VALIDATION", "You cannot upvote your own post.");
  if (row.kind === "HIGHLIGHT") throw new AppError("VALIDATION", "Highlights are not upvoted.");
  return getDb().$transaction(async (tx) => {
    const removed = await tx.reaction.deleteMany({ where: { annotationId, userId: actorId, kind: "UPVOTE" } });
    if (removed.count === 0) {
      await tx.reaction.createMany({ data: [{ annotationId, userId: actorId, kind: "UPVOTE" }], skipDuplicates: true });
    }
    const upvoteCount = await tx.reaction.count({ where: { annotationId, kind: "UPVOTE" } });
    await recordAnnotationEvent(tx, { type: "REACTED", annotation: row, actorId });
    return { hasUpvoted: removed.count === 0, upvoteCount };
  });
}

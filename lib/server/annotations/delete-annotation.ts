import "server-only";
import { canDeleteAnnotation } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { recordAnnotationEvent } from "../realtime/record-annotation-event.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import { refuseAnnotationChange } from "./refuse-annotation-change.ts";

/**
 * The author deletes a post. With replies under it, the post becomes a "deleted" placeholder
 * (content erased) so the replies keep their place; without replies it is removed.
 */
export async function deleteAnnotation({
  actorId,
  annotationId,
}: {
  actorId: string;
  annotationId: string;
}): Promise<{ wasKeptAsPlaceholder: boolean }> {
  const actor = await loadActorContext(actorId);
  const row = await loadReadableAnnotationRow(actor, annotationId);
  if (row.deletedAt !== null) {
    // Already deleted, kept as a placeholder for its replies: gone for everyone; its author may
    // delete it again, which removes it once no reply needs it.
    if (row.authorId !== actor.userId) throw new AppError("GONE", "This annotation was deleted.");
    return getDb().$transaction(async (tx) => {
      const replyCount = await tx.annotation.count({ where: { parentId: row.id } });
      if (replyCount === 0) {
        await tx.annotation.delete({ where: { id: row.id } });
        await recordAnnotationEvent(tx, { type: "DELETED", annotation: row, actorId });
      }
      return { wasKeptAsPlaceholder: replyCount > 0 };
    });
  }
  if (!canDeleteAnnotation(actor, row)) throw refuseAnnotationChange(actor, row, "delete");
  return getDb().$transaction(async (tx) => {
    const replyCount = await tx.annotation.count({ where: { parentId: row.id } });
    if (replyCount === 0) {
      await tx.annotation.delete({ where: { id: row.id } });
    } else {
      await tx.annotation.update({
        where: { id: row.id },
        data: { deletedAt: new Date(), body: Prisma.DbNull, bodyText: null, bodyHtml: null, tags: [] },
      });
    }
    // Last: recording takes the reading's event lock until commit (see record-annotation-event.ts),
    // and no row lock may be waited for while holding it.
    await recordAnnotationEvent(tx, { type: "DELETED", annotation: row, actorId });
    return { wasKeptAsPlaceholder: replyCount > 0 };
  });
}

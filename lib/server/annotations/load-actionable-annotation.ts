import "server-only";
import { canReadAnnotationContent, describeWriteRefusal, type ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import type { AnnotationRow } from "./present-annotation.ts";

/** The actor and an annotation they can see and act on (reply, react): not deleted, not hidden
 *  from them, in a context they still belong to. Anything else is NOT_FOUND or a clear refusal. */
export async function loadActionableAnnotation(
  actorId: string,
  annotationId: string,
): Promise<{ actor: ActorContext; row: AnnotationRow }> {
  const actor = await loadActorContext(actorId);
  const row = await loadReadableAnnotationRow(actor, annotationId);
  if (row.deletedAt) throw new AppError("CONFLICT", "This post was deleted.");
  if (!canReadAnnotationContent(actor, row)) throw new AppError("CONFLICT", "This post is hidden.");
  const refusal = describeWriteRefusal(actor, row.courseId);
  if (refusal) throw new AppError("FORBIDDEN", refusal);
  return { actor, row };
}

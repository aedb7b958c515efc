import "server-only";
import { canEditAnnotation, type ActorContext } from "../../domain/permissions.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { loadReadableAnnotationRow } from "./load-readable-annotation.ts";
import type { AnnotationRow } from "./present-annotation.ts";
import { refuseAnnotationChange } from "./refuse-annotation-change.ts";

/** The actor and an annotation they may edit (its author, still able to write there): NOT_FOUND
 *  when they cannot see it, FORBIDDEN with the reason when they may not edit it. */
export async function loadEditableAnnotation(actorId: string, annotationId: string): Promise<{ actor: ActorContext; row: AnnotationRow }> {
  const actor = await loadActorContext(actorId);
  const row = await loadReadableAnnotationRow(actor, annotationId);
  if (!canEditAnnotation(actor, row)) throw refuseAnnotationChange(actor, row, "edit");
  return { actor, row };
}

import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { annotationViewSelect, type AnnotationRow } from "./present-annotation.ts";

/** One annotation the actor may see, or NOT_FOUND (the same for missing and not visible). */
export async function loadReadableAnnotationRow(actor: ActorContext, annotationId: string): Promise<AnnotationRow> {
  const row = await getDb().annotation.findFirst({
    where: { AND: [annotationReadScope(actor), { id: annotationId }] },
    select: annotationViewSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "Annotation not found.");
  return row;
}

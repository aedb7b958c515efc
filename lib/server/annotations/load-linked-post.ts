import "server-only";
import type { ReadingScope } from "../../domain/permissions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { loadAnnotationContext } from "./load-annotation-context.ts";
import { annotationViewSelect, presentAnnotation, type AnnotationView } from "./present-annotation.ts";

/** What a link to a post the reader may not see says: the same for a post that never existed. */
export const LINKED_POST_UNAVAILABLE = "This post is not available to you.";

/**
 * The post a permanent link names (`/readings/:id?course=…#a-<id>`), as the reader may see it —
 * a thread-starting post or a reply, wherever it sorts — so the page can open it. Read through
 * the permission scope, post-first gates included, and only in the link's reading and context:
 * a post that is missing, elsewhere or out of the reader's sight is one NOT_FOUND, which tells
 * nothing about it.
 */
export async function loadLinkedPost({
  actor,
  readingId,
  courseId,
  annotationId,
}: ReadingScope & {
  annotationId: string;
}): Promise<AnnotationView> {
  await loadAnnotationContext(actor, readingId, courseId);
  const row = await getDb().annotation.findFirst({
    where: { AND: [annotationReadScope(actor), { id: annotationId, readingId, courseId }] },
    select: annotationViewSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", LINKED_POST_UNAVAILABLE);
  return presentAnnotation(actor, row);
}

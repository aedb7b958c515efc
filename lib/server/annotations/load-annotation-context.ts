import "server-only";
import { findMembership, type ActorContext } from "../../domain/permissions.ts";
import { AppError, courseNotFound } from "../app-error.ts";
import { getDb } from "../db.ts";
import { assertReadingReadable } from "../readings/reading-access.ts";

export type AnnotationContext = { courseId: string | null; assignmentId: string | null };

/**
 * Checks that the actor may annotate the reading in the context: alone (courseId null) on a
 * reading they may open, or in a course they belong to where the reading is assigned (which
 * opens the reading to them). Returns the assignment to attach posts to. Every reading-scoped
 * API route goes through here, so this is where reading access is enforced for them: a reading
 * the actor may not open is the same 404 as one that does not exist.
 */
export async function loadAnnotationContext(actor: ActorContext, readingId: string, courseId: string | null): Promise<AnnotationContext> {
  if (courseId === null) {
    await assertReadingReadable(actor, readingId);
    return { courseId: null, assignmentId: null };
  }
  if (!findMembership(actor, courseId)) throw courseNotFound();
  const assignment = await getDb().assignment.findFirst({
    where: { courseId, readingId },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!assignment) throw new AppError("NOT_FOUND", "This reading is not assigned in that course.");
  return { courseId, assignmentId: assignment.id };
}

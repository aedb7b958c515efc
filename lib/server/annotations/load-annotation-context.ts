import "server-only";
import { findMembership, type ActorContext } from "../../domain/permissions.ts";
import { AppError, courseNotFound } from "../app-error.ts";
import { getDb } from "../db.ts";

export type AnnotationContext = { courseId: string | null; assignmentId: string | null };

/**
 * Checks that the actor may annotate the reading in the context: alone (courseId null) or in a
 * course they belong to where the reading is assigned. Returns the assignment to attach posts to.
 */
export async function loadAnnotationContext(actor: ActorContext, readingId: string, courseId: string | null): Promise<AnnotationContext> {
  if (courseId === null) {
    // In a course the assignment below proves the reading exists; alone, nothing else would, and
    // a missing reading would read as an empty one.
    const reading = await getDb().reading.findUnique({ where: { id: readingId }, select: { id: true } });
    if (!reading) throw new AppError("NOT_FOUND", "Reading not found.");
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

import "server-only";
import { findMembership, isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { courseNotFound } from "../app-error.ts";
import { assignmentsForStudentWhere } from "../assignments/assignment-rules.ts";
import { getDb } from "../db.ts";
import { assertReadingReadable, readingNotFound } from "../readings/reading-access.ts";

export type AnnotationContext = { courseId: string | null; assignmentId: string | null };

/**
/**
 * Checks that the actor may annotate the reading in the context: alone (courseId null) on a
 * reading they may open, or in a course they belong to where the reading is assigned to them
 * (staff: assigned at all), which opens the reading to them. Returns the assignment to attach
 * posts to. A reading that was unassigned stays open in the course while it has posts there, so
 * nobody loses what they wrote. Every reading-scoped API route goes through here, so this is
 * where reading access is enforced for them: a reading the actor may not open is the same 404 as
 * one that does not exist.
 */
export async function loadAnnotationContext(actor: ActorContext, readingId: string, courseId: string | null): Promise<AnnotationContext> {
  if (courseId === null) {
    await assertReadingReadable(actor, readingId);
    return { courseId: null, assignmentId: null };
  }
  const membership = findMembership(actor, courseId);
  if (!membership) throw courseNotFound();
  const db = getDb();
  const assignment = await db.assignment.findFirst({
    // A student's assignment counts once it has opened; staff prepare it before.
    where: isStaffRole(membership.role)
      ? { courseId, readingId }
      : {
          AND: [
            assignmentsForStudentWhere(courseId, membership.groupId),
            { readingId },
            { OR: [{ opensAt: null }, { opensAt: { lte: new Date() } }] },
          ],
        },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (assignment) return { courseId, assignmentId: assignment.id };
  // Assigned in the course, but not to this student (another group's) or not open yet: not
  // theirs to open. The same answer as for a reading that does not exist (or that the actor may
  // not open at all), so that nothing here tells that a private reading exists.
  const isAssignedToOthers = await db.assignment.findFirst({ where: { courseId, readingId }, select: { id: true } });
  if (!isAssignedToOthers) {
    // Unassigned: open while the course's discussion of it exists (a private note of someone
    // else does not count, so it reveals nothing).
    const hasDiscussion = await db.annotation.findFirst({
      where: { courseId, readingId, OR: [{ visibility: { not: "PRIVATE" } }, { authorId: actor.userId }] },
      select: { id: true },
    });
    if (hasDiscussion) return { courseId, assignmentId: null };
  }
  throw readingNotFound();
}

import "server-only";
import { findMembership, isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { courseNotFound } from "../app-error.ts";
import { listReadingAssignments, type ReadingAssignment } from "../assignments/list-reading-assignments.ts";
import type { PostingRules } from "../assignments/require-open-for-posts.ts";
import { getDb } from "../db.ts";
import { assertReadingReadable, readingNotFound } from "../readings/reading-access.ts";

export type AnnotationContext = {
  courseId: string | null;
  assignmentId: string | null;
  /** The assignment's posting rules when they were read with it (requireOpenForPosts then reads nothing). */
  assignment?: PostingRules;
};

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
export async function loadAnnotationContext(
  actor: ActorContext,
  readingId: string,
  courseId: string | null,
  /** The actor's assignments of the reading when the caller has read them (listReadingAssignments): no second read. */
  assignments?: readonly ReadingAssignment[],
): Promise<AnnotationContext> {
  if (courseId === null) {
    await assertReadingReadable(actor, readingId);
    return { courseId: null, assignmentId: null };
  }
  const membership = findMembership(actor, courseId);
  if (!membership) throw courseNotFound();
  const db = getDb();
  const now = new Date();
  // Oldest first. A student's assignment counts once it has opened; staff prepare it before.
  const assignment = (assignments ?? (await listReadingAssignments({ actor, readingId, courseId }))).find(
    (candidate) =>
      candidate.courseId === courseId && (isStaffRole(membership.role) || candidate.opensAt === null || candidate.opensAt <= now),
  );
  if (assignment) {
    const { title, dueAt, acceptsLatePosts } = assignment;
    return { courseId, assignmentId: assignment.id, assignment: { title, dueAt, acceptsLatePosts } };
  }
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

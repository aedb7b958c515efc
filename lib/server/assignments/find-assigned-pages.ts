import "server-only";
import { findMembership, isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { assignmentsForStudentWhere } from "./assignment-rules.ts";

export type AssignedPages = {
  title: string;
  firstPage: number;
  lastPage: number;
  /** The first paragraph on those pages: where the reading opens for the assignment. */
  firstPosition: number;
};

/**
 * The pages of a reading that the actor's assignment in a course covers, when it covers part of
 * the reading; null for a whole-reading assignment, the actor's own notes, or a course the actor
 * is not in (a student sees only the assignments of the whole class or of their group).
 */
export async function findAssignedPages({
  actor,
  readingId,
  courseId,
}: {
  actor: ActorContext;
  readingId: string;
  courseId: string | null;
}): Promise<AssignedPages | null> {
  const membership = findMembership(actor, courseId);
  if (courseId === null || !membership) return null;
  const db = getDb();
  const assignment = await db.assignment.findFirst({
    where: {
      AND: [
        { readingId, firstPage: { not: null }, lastPage: { not: null } },
        isStaffRole(membership.role) ? { courseId } : assignmentsForStudentWhere(courseId, membership.groupId),
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { title: true, firstPage: true, lastPage: true },
  });
  if (!assignment || assignment.firstPage === null || assignment.lastPage === null) return null;
  const first = await db.paragraph.findFirst({
    where: { readingId, retiredInVersion: null, page: { gte: assignment.firstPage } },
    orderBy: { position: "asc" },
    select: { position: true },
  });
  if (!first) return null;
  return { title: assignment.title, firstPage: assignment.firstPage, lastPage: assignment.lastPage, firstPosition: first.position };
}

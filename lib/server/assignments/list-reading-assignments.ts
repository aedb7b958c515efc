import "server-only";
import type { AssignedRangeKind, ParagraphRange } from "../../domain/assigned-range.ts";
import { isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { ASSIGNED_RANGE_SELECT, assignedRangeOf } from "./assigned-range.ts";
import { assignmentsForStudentWhere } from "./assignment-rules.ts";

/** An assignment of a reading that is the actor's: what the reading page's contexts and the annotation context are decided from. */
export type ReadingAssignment = {
  id: string;
  title: string;
  courseId: string;
  courseTitle: string;
  createdAt: Date;
  opensAt: Date | null;
  dueAt: Date | null;
  acceptsLatePosts: boolean;
  firstPage: number | null;
  lastPage: number | null;
  rangeKind: AssignedRangeKind | null;
  /** The assigned paragraphs' positions now; null for the whole reading. */
  range: ParagraphRange | null;
};

/**
 * The assignments of a reading that are the actor's, in every course of theirs (or in one): all
 * of a course they teach, and a student's whole-class and own-group ones, opened or not. One query;
 * the reading page reads them once and decides its contexts and the annotation context from them.
 */
export async function listReadingAssignments({
  actor,
  readingId,
  courseId,
}: {
  actor: ActorContext;
  readingId: string;
  /** Only this course's. */
  courseId?: string;
}): Promise<ReadingAssignment[]> {
  const memberships = actor.memberships.filter((membership) => courseId === undefined || membership.courseId === courseId);
  if (memberships.length === 0) return [];
  const rows = await getDb().assignment.findMany({
    where: {
      readingId,
      OR: memberships.map((membership) =>
        isStaffRole(membership.role)
          ? { courseId: membership.courseId }
          : assignmentsForStudentWhere(membership.courseId, membership.groupId),
      ),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      courseId: true,
      createdAt: true,
      opensAt: true,
      dueAt: true,
      acceptsLatePosts: true,
      firstPage: true,
      lastPage: true,
      rangeKind: true,
      ...ASSIGNED_RANGE_SELECT,
      course: { select: { title: true } },
    },
  });
  return rows.map(({ course, firstParagraph, lastParagraph, ...row }) => ({
    ...row,
    courseTitle: course.title,
    range: assignedRangeOf({ firstParagraph, lastParagraph }),
  }));
}

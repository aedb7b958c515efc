import "server-only";
import { describeAssignedRange, type AssignedRangeKind, type ParagraphRange } from "../../domain/assigned-range.ts";
import { findMembership, isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import type { ReadingSection } from "../../domain/reading-sections.ts";
import { getDb } from "../db.ts";
import { ASSIGNED_RANGE_SELECT, assignedRangeOf } from "./assigned-range.ts";
import { assignmentsForStudentWhere } from "./assignment-rules.ts";

export type AssignedRange = ParagraphRange & {
  title: string;
  kind: AssignedRangeKind;
  /** "pages 3–7", "¶ 4–9", "Chapter 2 to Chapter 3". */
  label: string;
};

/**
 * The part of a reading that the actor's assignment in a course covers, when it covers part of
 * the reading (positions as they are now; the reading opens at `from`); null for a whole-reading
 * assignment, the actor's own notes, or a course the actor is not in (a student sees only the
 * assignments of the whole class or of their group). `sections` names a section range.
 */
export async function findAssignedRange({
  actor,
  readingId,
  courseId,
  sections,
}: {
  actor: ActorContext;
  readingId: string;
  courseId: string | null;
  sections: readonly Pick<ReadingSection, "from" | "to" | "title">[];
}): Promise<AssignedRange | null> {
  const membership = findMembership(actor, courseId);
  if (courseId === null || !membership) return null;
  const assignment = await getDb().assignment.findFirst({
    where: {
      AND: [
        { readingId, firstParagraphId: { not: null }, lastParagraphId: { not: null } },
        isStaffRole(membership.role) ? { courseId } : assignmentsForStudentWhere(courseId, membership.groupId),
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { title: true, rangeKind: true, firstPage: true, lastPage: true, ...ASSIGNED_RANGE_SELECT },
  });
  const range = assignedRangeOf(assignment);
  if (!assignment || !range) return null;
  const kind = assignment.rangeKind ?? "PARAGRAPHS";
  const pages =
    assignment.firstPage !== null && assignment.lastPage !== null ? { first: assignment.firstPage, last: assignment.lastPage } : null;
  return { title: assignment.title, kind, ...range, label: describeAssignedRange({ kind, range, pages, sections }) };
}

import "server-only";
import { describeAssignedRange, type AssignedRangeKind, type ParagraphRange } from "../../domain/assigned-range.ts";
import { findMembership, type ReadingScope } from "../../domain/permissions.ts";
import type { ReadingSection } from "../../domain/reading-sections.ts";
import { listReadingAssignments, type ReadingAssignment } from "./list-reading-assignments.ts";

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
  assignments,
}: ReadingScope & {
  sections: readonly Pick<ReadingSection, "from" | "to" | "title">[];
  /** The actor's assignments of the reading when the caller has read them (listReadingAssignments): no second read. */
  assignments?: readonly ReadingAssignment[];
}): Promise<AssignedRange | null> {
  if (courseId === null || !findMembership(actor, courseId)) return null;
  // The latest of the course's assignments that covers part of the reading (oldest first below;
  // on a tie, the first by id).
  let assignment: ReadingAssignment | null = null;
  for (const candidate of assignments ?? (await listReadingAssignments({ actor, readingId, courseId }))) {
    if (candidate.courseId !== courseId || candidate.range === null) continue;
    if (!assignment || candidate.createdAt > assignment.createdAt) assignment = candidate;
  }
  const range = assignment?.range;
  if (!assignment || !range) return null;
  const kind = assignment.rangeKind ?? "PARAGRAPHS";
  const pages =
    assignment.firstPage !== null && assignment.lastPage !== null ? { first: assignment.firstPage, last: assignment.lastPage } : null;
  return { title: assignment.title, kind, ...range, label: describeAssignedRange({ kind, range, pages, sections }) };
}

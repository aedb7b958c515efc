import "server-only";
import type { RubricCriterionRow } from "../../domain/rubric.ts";
import { loadAssignmentForStaff, type StaffAssignment, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";

/** An assignment's rubric as stored, for its instructors and TAs to edit. */
export async function loadRubric({
  actorId,
  courseId,
  assignmentId,
}: AssignmentActorRef): Promise<{ assignment: StaffAssignment; criteria: RubricCriterionRow[] }> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId });
  const rows = await getDb().rubricCriterion.findMany({
    where: { assignmentId },
    orderBy: [{ position: "asc" }, { kind: "asc" }],
    select: { kind: true, threshold: true, points: true },
  });
  return { assignment, criteria: rows.map((row) => ({ kind: row.kind, threshold: row.threshold, points: row.points })) };
}

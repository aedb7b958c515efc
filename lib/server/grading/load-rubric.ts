import "server-only";
import type { RubricCriterionRow } from "../../domain/rubric.ts";
import { RUBRIC_KINDS } from "../../domain/rubric.ts";
import { loadAssignmentForStaff, type StaffAssignment, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";
import { CRITERION_COLUMNS } from "./load-criteria.ts";

/** An instructor's own criterion as the rubric page lists it, with how many students it has been graded for. */
export type CustomCriterionView = { id: string; name: string; description: string; points: number; scoreCount: number };

/**
 * An assignment's rubric as stored, for its instructors and TAs to edit: the automatic criteria
 * (with whether the minimum-posts one follows the assignment) and the custom ones in their order.
 */
export async function loadRubric({
  actorId,
  courseId,
  assignmentId,
}: AssignmentActorRef): Promise<{ assignment: StaffAssignment; criteria: RubricCriterionRow[]; customCriteria: CustomCriterionView[] }> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId });
  const rows = await getDb().rubricCriterion.findMany({
    where: { assignmentId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { ...CRITERION_COLUMNS, _count: { select: { scores: true } } },
  });
  const criteria: RubricCriterionRow[] = [];
  const customCriteria: CustomCriterionView[] = [];
  for (const row of rows) {
    if (row.kind === "CUSTOM") {
      customCriteria.push({
        id: row.id,
        name: row.name ?? "",
        description: row.description ?? "",
        points: row.points,
        scoreCount: row._count.scores,
      });
    } else {
      criteria.push({
        kind: row.kind,
        threshold: row.threshold,
        points: row.points,
        followsAssignmentMinimum: row.followsAssignmentMinimum,
      });
    }
  }
  criteria.sort((a, b) => RUBRIC_KINDS.indexOf(a.kind) - RUBRIC_KINDS.indexOf(b.kind));
  return { assignment, criteria, customCriteria };
}

import "server-only";
import type { RubricCriterionRow } from "../../domain/rubric.ts";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";

/**
 * Replaces an assignment's rubric with `criteria` (at most one per kind, already validated by
 * parseRubricForm). Instructors and TAs. Grades are computed when read, so they follow at once;
 * overrides stay as the instructor set them.
 */
export async function saveRubric({
  actorId,
  courseId,
  assignmentId,
  criteria,
}: AssignmentActorRef & { criteria: readonly (RubricCriterionRow & { position: number })[] }): Promise<void> {
  await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  const db = getDb();
  await db.$transaction([
    db.rubricCriterion.deleteMany({ where: { assignmentId } }),
    db.rubricCriterion.createMany({
      data: criteria.map((criterion) => ({
        assignmentId,
        kind: criterion.kind,
        threshold: criterion.threshold,
        points: criterion.points,
        position: criterion.position,
      })),
    }),
  ]);
}

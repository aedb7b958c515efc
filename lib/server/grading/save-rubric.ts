import "server-only";
import { isFollowingAssignmentMinimum, RUBRIC_KINDS, type RubricCriterionRow } from "../../domain/rubric.ts";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";

/**
 * Replaces an assignment's automatic criteria with `criteria` (at most one per kind, already
 * validated by parseRubricForm); the instructor's own criteria and their scores stay. A
 * minimum-posts criterion saved at the assignment's minimum follows it from then on.
 * Instructors and TAs. Grades are computed when read, so they follow at once; overrides stay as
 * the instructor set them.
 */
export async function saveRubric({
  actorId,
  courseId,
  assignmentId,
  criteria,
}: AssignmentActorRef & { criteria: readonly (RubricCriterionRow & { position: number })[] }): Promise<void> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  const db = getDb();
  await db.$transaction([
    db.rubricCriterion.deleteMany({ where: { assignmentId, kind: { in: [...RUBRIC_KINDS] } } }),
    db.rubricCriterion.createMany({
      data: criteria.map((criterion) => ({
        assignmentId,
        kind: criterion.kind,
        threshold: criterion.threshold,
        followsAssignmentMinimum: isFollowingAssignmentMinimum(criterion.kind, criterion.threshold, assignment.minPosts),
        points: criterion.points,
        position: criterion.position,
      })),
    }),
  ]);
}

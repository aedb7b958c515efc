import "server-only";
import type { CustomCriterionInput } from "../../domain/rubric.ts";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";
import { requireCustomCriterion } from "./require-custom-criterion.ts";

/**
 * Renames, re-describes or re-weighs an instructor's own criterion. Scores already given stay; a
 * score above lowered points counts as the new maximum (lib/domain/grading.ts). Instructors and TAs.
 */
export async function updateCustomCriterion({
  actorId,
  courseId,
  assignmentId,
  criterionId,
  input,
}: AssignmentActorRef & { criterionId: string; input: CustomCriterionInput }): Promise<void> {
  await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  const db = getDb();
  await requireCustomCriterion(db, assignmentId, criterionId);
  await db.rubricCriterion.update({
    where: { id: criterionId },
    data: { name: input.name, description: input.description, points: input.points },
  });
}

import "server-only";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";
import { requireCustomCriterion } from "./require-custom-criterion.ts";

/** Removes an instructor's own criterion and every score given on it. Instructors and TAs. */
export async function removeCustomCriterion({
  actorId,
  courseId,
  assignmentId,
  criterionId,
}: AssignmentActorRef & { criterionId: string }): Promise<{ name: string }> {
  await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  const db = getDb();
  const criterion = await requireCustomCriterion(db, assignmentId, criterionId);
  // Its scores go with it (RubricScore cascades).
  await db.rubricCriterion.delete({ where: { id: criterionId } });
  return { name: criterion.name };
}

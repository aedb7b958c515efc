import "server-only";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";

/** Removes a student's override, so the computed score stands again. Instructors and TAs; clearing none is a no-op. */
export async function clearGradeOverride({
  actorId,
  courseId,
  assignmentId,
  studentId,
}: AssignmentActorRef & { studentId: string }): Promise<void> {
  await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  await getDb().gradeOverride.deleteMany({ where: { assignmentId, studentId } });
}

import "server-only";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import type { GradeOverrideInput } from "./grade-input.ts";

/** Sets (or replaces) the score of an assigned student, with the comment the student will see. Instructors and TAs. */
export async function setGradeOverride({
  actorId,
  courseId,
  assignmentId,
  studentId,
  input,
}: AssignmentActorRef & { studentId: string; input: GradeOverrideInput }): Promise<void> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  const [student] = await listAssignedStudents({ courseId, groupIds: assignment.groups.map((group) => group.id), studentId });
  if (!student) throw new AppError("NOT_FOUND", "That student is not assigned this reading.");
  await getDb().gradeOverride.upsert({
    where: { assignmentId_studentId: { assignmentId, studentId } },
    create: { assignmentId, studentId, score: input.score, comment: input.comment, gradedById: actorId },
    update: { score: input.score, comment: input.comment, gradedById: actorId },
  });
}

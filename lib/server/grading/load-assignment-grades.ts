import "server-only";
import type { Criterion } from "../../domain/grading.ts";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { loadAssignmentForStaff, type StaffAssignment, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { computeGrades, type StudentGradeView } from "./compute-grades.ts";
import { loadCriteria } from "./load-criteria.ts";

export type AssignmentGrades = { assignment: StaffAssignment; criteria: Criterion[]; students: StudentGradeView[] };

/** Every assigned student's grade with its evidence and override. Instructors and TAs only. */
export async function loadAssignmentGrades({ actorId, courseId, assignmentId }: AssignmentActorRef): Promise<AssignmentGrades> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId });
  const [actor, students, criteria] = await Promise.all([
    loadActorContext(actorId),
    listAssignedStudents({ courseId, groupIds: assignment.groups.map((group) => group.id) }),
    loadCriteria(assignmentId),
  ]);
  const grades = await computeGrades({ actor, assignmentId, dueAt: assignment.dueAt, criteria, students });
  return { assignment, criteria, students: grades };
}

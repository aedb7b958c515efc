import "server-only";
import type { Criterion } from "../../domain/grading.ts";
import { isStaffRole } from "../../domain/permissions.ts";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import {
  ASSIGNMENT_HEADING_SELECT,
  assignmentNotFound,
  readAssignmentOfCourse,
  type AssignmentActorRef,
} from "../assignments/load-assignment-for-staff.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { computeGrades, type StudentGradeView } from "./compute-grades.ts";
import { loadCriteria } from "./load-criteria.ts";

export type StudentGradePage = {
  assignment: { id: string; courseId: string; courseTitle: string; readingId: string; title: string; dueAt: Date | null };
  criteria: Criterion[];
  view: StudentGradeView;
};

/**
 * One student's breakdown. A student sees only their own (anyone else's is NOT_FOUND, as is an
 * assignment they are not assigned); the course's instructors and TAs see any assigned student's.
 * Non-members get the course's NOT_FOUND.
 */
export async function loadStudentGrade({
  actorId,
  courseId,
  assignmentId,
  studentId,
}: AssignmentActorRef & { studentId: string }): Promise<StudentGradePage> {
  const membership = await requireCourseRole({ actorId, courseId });
  if (!isStaffRole(membership.role) && studentId !== actorId) throw assignmentNotFound();
  const assignment = await readAssignmentOfCourse(
    { courseId, assignmentId },
    { ...ASSIGNMENT_HEADING_SELECT, dueAt: true, groups: { select: { groupId: true } } },
  );
  const [actor, students, criteria] = await Promise.all([
    loadActorContext(actorId),
    listAssignedStudents({ courseId, groupIds: assignment.groups.map((group) => group.groupId), studentId }),
    loadCriteria(assignmentId),
  ]);
  const student = students.find((candidate) => candidate.id === studentId);
  if (!student) throw assignmentNotFound();
  const [view] = await computeGrades({ actor, assignmentId, dueAt: assignment.dueAt, criteria, students: [student] });
  return {
    assignment: {
      id: assignment.id,
      courseId: assignment.courseId,
      courseTitle: assignment.course.title,
      readingId: assignment.readingId,
      title: assignment.title,
      dueAt: assignment.dueAt,
    },
    criteria,
    view: view!,
  };
}

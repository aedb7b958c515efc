import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { ASSIGNED_RANGE_SELECT, assignedRangeOf } from "../assignments/assigned-range.ts";
import { isAssignedStudent } from "../assignments/assignment-rules.ts";
import { ASSIGNED_STUDENT_SELECT, ASSIGNED_STUDENTS_ORDER, toAssignedStudent } from "../assignments/list-assigned-students.ts";
import { getDb } from "../db.ts";
import { computeGradesOfAssignments } from "../grading/compute-grades.ts";
import { CRITERION_COLUMNS, toGraderCriteria } from "../grading/load-criteria.ts";
import { queueGradedScores } from "./queue-assignment-scores.ts";

const BATCH = 500;

/**
 * Grades change without anyone pressing "Send": an override, a post that meets a criterion, a
 * rubric edited. For every assignment whose grades went to an LMS once (it has a line item),
 * the grades are computed again as the grading pages do and changed ones are queued — for all
 * of them together, in a constant number of queries (the line items with their assignments, the
 * courses' members, the grading queries, the outbox's).
 */
export async function queueChangedScores(): Promise<number> {
  const db = getDb();
  const lineItems = await db.ltiLineItem.findMany({
    select: {
      assignment: {
        select: {
          id: true,
          courseId: true,
          dueAt: true,
          minPosts: true,
          ...ASSIGNED_RANGE_SELECT,
          criteria: { select: CRITERION_COLUMNS },
          groups: { select: { groupId: true } },
          course: { select: { archivedAt: true } },
        },
      },
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  if (lineItems.length === 0) return 0;
  const courseIds = [...new Set(lineItems.map(({ assignment }) => assignment.courseId))];
  const members = await db.membership.findMany({
    where: { courseId: { in: courseIds }, role: { in: ["STUDENT", "INSTRUCTOR"] } },
    orderBy: [...ASSIGNED_STUDENTS_ORDER],
    select: { ...ASSIGNED_STUDENT_SELECT, courseId: true, role: true },
  });
  // Grades are computed as the course's instructors see them (a course without one is skipped):
  // read as staff of exactly those courses, through the same permission scope as their pages.
  const taught = new Set(members.filter((member) => member.role === "INSTRUCTOR").map((member) => member.courseId));
  const assignments = lineItems.map(({ assignment }) => assignment).filter((assignment) => taught.has(assignment.courseId));
  const staff: ActorContext = {
    userId: "",
    memberships: [...taught].map((courseId) => ({ courseId, role: "INSTRUCTOR" as const, groupId: null })),
    archivedCourseIds: [...new Set(assignments.filter((a) => a.course.archivedAt !== null).map((a) => a.courseId))],
  };
  const toGrade = assignments.map((assignment) => {
    const groupIds = assignment.groups.map((group) => group.groupId);
    return {
      assignmentId: assignment.id,
      courseId: assignment.courseId,
      dueAt: assignment.dueAt,
      range: assignedRangeOf(assignment),
      criteria: toGraderCriteria(assignment),
      students: members
        .filter((member) => member.courseId === assignment.courseId && isAssignedStudent(member, groupIds))
        .map(toAssignedStudent),
    };
  });
  const grades = await computeGradesOfAssignments({ actor: staff, assignments: toGrade });
  const queued = await queueGradedScores(
    toGrade.map(({ assignmentId, courseId }) => ({ assignmentId, courseId, students: grades.get(assignmentId) ?? [] })),
    "changes",
  );
  return [...queued.values()].reduce((sum, counts) => sum + counts.queued, 0);
}

import "server-only";
import type { StudentActivity } from "../../domain/student-activity.ts";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { loadAssignmentForStaff, type StaffAssignment, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { aggregateParagraphActivity, type ParagraphActivity } from "./aggregate-paragraph-activity.ts";
import { aggregateStudentActivity } from "./aggregate-student-activity.ts";
import { listUnansweredQuestions, type UnansweredQuestion } from "./list-unanswered-questions.ts";

export type AssignmentInsights = {
  assignment: StaffAssignment;
  /** Every assigned student, in name order (the page sorts). */
  students: StudentActivity[];
  paragraphs: ParagraphActivity[];
  unansweredQuestions: { total: number; page: number; items: UnansweredQuestion[] };
};

/**
 * Instructor insights for one assignment: per student, per paragraph, and the questions waiting
 * for an answer. Instructors and TAs of the course only (NOT_FOUND for anyone else). Every number
 * is a SQL aggregate; no post bodies are loaded.
 */
export async function loadAssignmentInsights({
  actorId,
  courseId,
  assignmentId,
  questionsPage = 1,
}: AssignmentActorRef & { questionsPage?: number }): Promise<AssignmentInsights> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId });
  const [actor, students] = await Promise.all([
    loadActorContext(actorId),
    listAssignedStudents({ courseId, groupIds: assignment.groups.map((group) => group.id) }),
  ]);
  const studentIds = students.map((student) => student.id);
  const [activity, paragraphs, unanswered] = await Promise.all([
    aggregateStudentActivity({ assignmentId, dueAt: assignment.dueAt, students }),
    aggregateParagraphActivity({ assignmentId, readingId: assignment.readingId, studentIds }),
    listUnansweredQuestions({ actor, assignmentId, studentIds, page: questionsPage }),
  ]);
  return { assignment, students: activity, paragraphs, unansweredQuestions: { ...unanswered, page: questionsPage } };
}

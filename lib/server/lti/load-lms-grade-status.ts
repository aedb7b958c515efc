import "server-only";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { loadAssignmentForStaff, type AssignmentActorRef, type StaffAssignment } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";
import { findCourseGradebook } from "./find-course-gradebook.ts";

export type LmsGradeRow = {
  studentId: string;
  name: string;
  /** "not-in-lms": the student never came from the LMS, so it has no gradebook row for them. */
  state: "not-queued" | "pending" | "sent" | "failed" | "not-in-lms";
  scoreGiven: number | null;
  scoreMaximum: number | null;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  attempts: number;
  lastError: string | null;
};

export type LmsGradeStatus = {
  assignment: StaffAssignment;
  lmsName: string | null;
  lineItemUrl: string | null;
  rows: LmsGradeRow[];
};

/** Where each assigned student's grade stands in the LMS gradebook. Instructors and TAs only. */
export async function loadLmsGradeStatus({ actorId, courseId, assignmentId }: AssignmentActorRef): Promise<LmsGradeStatus> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId });
  const db = getDb();
  const [gradebook, students, deliveries, lineItem] = await Promise.all([
    findCourseGradebook(courseId),
    listAssignedStudents({ courseId, groupIds: assignment.groups.map((group) => group.id) }),
    db.ltiScoreDelivery.findMany({ where: { assignmentId } }),
    db.ltiLineItem.findUnique({ where: { assignmentId }, select: { lineItemUrl: true } }),
  ]);
  const linked = gradebook
    ? new Set(
        (
          await db.ltiAccount.findMany({
            where: { platformId: gradebook.platform.id, userId: { in: students.map((student) => student.id) } },
            select: { userId: true },
          })
        ).map((account) => account.userId),
      )
    : new Set<string>();
  const byUser = new Map(deliveries.map((row) => [row.userId, row]));
  return {
    assignment,
    lmsName: gradebook?.platform.name ?? null,
    lineItemUrl: lineItem?.lineItemUrl ?? null,
    rows: students.map((student) => {
      const row = byUser.get(student.id);
      const state: LmsGradeRow["state"] = !linked.has(student.id)
        ? "not-in-lms"
        : !row
          ? "not-queued"
          : row.status === "SENT"
            ? "sent"
            : row.status === "FAILED"
              ? "failed"
              : "pending";
      return {
        studentId: student.id,
        name: student.name,
        state,
        scoreGiven: row?.scoreGiven ?? null,
        scoreMaximum: row?.scoreMaximum ?? null,
        sentAt: row?.sentAt ?? null,
        nextAttemptAt: row?.status === "PENDING" ? row.nextAttemptAt : null,
        attempts: row?.attempts ?? 0,
        lastError: row?.lastError ?? null,
      };
    }),
  };
}

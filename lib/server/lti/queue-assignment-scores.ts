import "server-only";
import { AppError } from "../app-error.ts";
import type { AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { getDb } from "../db.ts";
import type { StudentGradeView } from "../grading/compute-grades.ts";
import { loadAssignmentGrades } from "../grading/load-assignment-grades.ts";
import { findCourseGradebooks } from "./find-course-gradebook.ts";

export type QueuedScores = { queued: number; unchanged: number; notInLms: number };
type QueueMode = "send" | "changes";

/**
 * Puts an assignment's grades in the grade passback outbox (LtiScoreDelivery), one row per
 * student who came from the LMS: the final score (the rubric's, or the instructor's override)
 * out of the rubric's maximum, as the grading pages compute it. `mode`:
 * - "send" (the instructor's "Send grades to the LMS"): every score not yet accepted by the LMS,
 *   failed ones included, is due now;
 * - "changes" (the worker): only scores that changed since they were queued, and new students.
 * Staff only (loadAssignmentGrades checks it).
 */
export async function queueAssignmentScores({
  actorId,
  courseId,
  assignmentId,
  mode,
}: AssignmentActorRef & { mode: QueueMode }): Promise<QueuedScores> {
  const { students } = await loadAssignmentGrades({ actorId, courseId, assignmentId });
  const queued = (await queueGradedScores([{ assignmentId, courseId, students }], mode)).get(assignmentId);
  if (!queued) {
    throw new AppError(
      "CONFLICT",
      "This course is not linked to an LMS gradebook. Open Scholia from a link in your LMS course (as its instructor) once, then send grades.",
    );
  }
  return queued;
}

export type GradedAssignment = { assignmentId: string; courseId: string; students: readonly StudentGradeView[] };

/**
 * The outbox part of queueAssignmentScores for any number of graded assignments, in a constant
 * number of queries: the gradebooks, the students' LMS accounts, the rows already queued, then at
 * most one insert and one update. By assignment id; an assignment whose course has no LMS
 * gradebook is left out. Callers have computed the grades (and checked who may).
 */
export async function queueGradedScores(assignments: readonly GradedAssignment[], mode: QueueMode): Promise<Map<string, QueuedScores>> {
  const db = getDb();
  const gradebooks = await findCourseGradebooks([...new Set(assignments.map((assignment) => assignment.courseId))]);
  const linked = assignments.flatMap((assignment) => {
    const gradebook = gradebooks.get(assignment.courseId);
    return gradebook ? [{ ...assignment, platformId: gradebook.platform.id }] : [];
  });
  const result = new Map<string, QueuedScores>();
  if (linked.length === 0) return result;

  const studentsByPlatform = new Map<string, Set<string>>();
  for (const { platformId, students } of linked) {
    const ids = studentsByPlatform.get(platformId) ?? new Set<string>();
    for (const view of students) ids.add(view.student.id);
    studentsByPlatform.set(platformId, ids);
  }
  const [accounts, existing] = await Promise.all([
    db.ltiAccount.findMany({
      where: { OR: [...studentsByPlatform].map(([platformId, ids]) => ({ platformId, userId: { in: [...ids] } })) },
      select: { platformId: true, userId: true },
    }),
    db.ltiScoreDelivery.findMany({
      where: { assignmentId: { in: linked.map((assignment) => assignment.assignmentId) } },
      select: { id: true, assignmentId: true, userId: true, scoreGiven: true, scoreMaximum: true, status: true, sentScore: true },
    }),
  ]);
  const fromLms = new Set(accounts.map((account) => `${account.platformId} ${account.userId}`));
  const rows = new Map(existing.map((row) => [`${row.assignmentId} ${row.userId}`, row]));

  const inserts: { assignmentId: string; userId: string; scoreGiven: number; scoreMaximum: number }[] = [];
  const updates: { id: string; scoreGiven: number; scoreMaximum: number }[] = [];
  for (const { assignmentId, platformId, students } of linked) {
    const counts: QueuedScores = { queued: 0, unchanged: 0, notInLms: 0 };
    for (const { student, grade } of students) {
      if (!fromLms.has(`${platformId} ${student.id}`)) {
        counts.notInLms += 1;
        continue;
      }
      const scoreGiven = grade.finalScore;
      const scoreMaximum = grade.maxScore;
      const row = rows.get(`${assignmentId} ${student.id}`);
      const isChanged = !row || row.scoreGiven !== scoreGiven || row.scoreMaximum !== scoreMaximum;
      const isDue = mode === "send" ? isChanged || row.status !== "SENT" || row.sentScore !== scoreGiven : isChanged;
      if (!isDue) {
        counts.unchanged += 1;
        continue;
      }
      if (row) updates.push({ id: row.id, scoreGiven, scoreMaximum });
      else inserts.push({ assignmentId, userId: student.id, scoreGiven, scoreMaximum });
      counts.queued += 1;
    }
    result.set(assignmentId, counts);
  }

  const now = new Date();
  if (inserts.length > 0) {
    // A row another process made meanwhile is already due: skipping it loses nothing.
    await db.ltiScoreDelivery.createMany({
      data: inserts.map((row) => ({ ...row, status: "PENDING" as const, attempts: 0, nextAttemptAt: now })),
      skipDuplicates: true,
    });
  }
  if (updates.length > 0) {
    await db.$executeRaw`
      UPDATE "LtiScoreDelivery" AS delivery
      SET "scoreGiven" = due.given, "scoreMaximum" = due.maximum, status = 'PENDING', attempts = 0,
        "nextAttemptAt" = ${now}, "lastError" = NULL, "updatedAt" = ${now}
      FROM unnest(${updates.map((row) => row.id)}::text[], ${updates.map((row) => row.scoreGiven)}::float8[],
        ${updates.map((row) => row.scoreMaximum)}::float8[]) AS due(id, given, maximum)
      WHERE delivery.id = due.id`;
  }
  return result;
}

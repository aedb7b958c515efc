import "server-only";
import { parseManualScores, toCustomCriterion } from "../../domain/rubric.ts";
import { listAssignedStudents } from "../assignments/list-assigned-students.ts";
import { loadAssignmentForStaff, type AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";

/**
 * Grades an assigned student by hand on the assignment's custom criteria: `entries` is the
 * grading form (`score.<criterionId>`, `comment.<criterionId>`), checked against the criteria as
 * stored now (a score above a criterion's points is a field error). An empty score clears the
 * criterion's score (not graded yet). Who graded and when are kept. Instructors and TAs.
 */
export async function saveManualScores({
  actorId,
  courseId,
  assignmentId,
  studentId,
  entries,
}: AssignmentActorRef & { studentId: string; entries: Record<string, unknown> }): Promise<{ graded: number; cleared: number }> {
  const assignment = await loadAssignmentForStaff({ actorId, courseId, assignmentId, isChange: true });
  const db = getDb();
  const [student] = await listAssignedStudents({ courseId, groupIds: assignment.groups.map((group) => group.id), studentId });
  if (!student) throw new AppError("NOT_FOUND", "That student is not assigned this reading.");
  const rows = await db.rubricCriterion.findMany({
    where: { assignmentId, kind: "CUSTOM" },
    select: { id: true, name: true, description: true, points: true },
  });
  if (rows.length === 0) throw new AppError("CONFLICT", "This rubric has no criteria of your own to grade by hand. Reload the page.");
  const parsed = parseManualScores(entries, rows.map(toCustomCriterion));
  if (!parsed.ok) throw new AppError("VALIDATION", "Please correct the scores marked below.", { fieldErrors: parsed.fieldErrors });
  // Only what changed is written, so "graded by … on …" stays true for the scores left as they were.
  const stored = await db.rubricScore.findMany({
    where: { studentId, criterionId: { in: rows.map((row) => row.id) } },
    select: { criterionId: true, score: true, comment: true },
  });
  const storedBy = new Map(stored.map((row) => [row.criterionId, row]));
  const given = parsed.scores.filter(({ criterionId, manual }) => {
    const before = storedBy.get(criterionId);
    return manual !== null && (before === undefined || before.score !== manual.score || before.comment !== manual.comment);
  });
  const cleared = parsed.scores
    .filter(({ criterionId, manual }) => manual === null && storedBy.has(criterionId))
    .map((item) => item.criterionId);
  await db.$transaction([
    db.rubricScore.deleteMany({ where: { studentId, criterionId: { in: cleared } } }),
    ...given.map(({ criterionId, manual }) =>
      db.rubricScore.upsert({
        where: { criterionId_studentId: { criterionId, studentId } },
        create: { criterionId, studentId, score: manual!.score, comment: manual!.comment, gradedById: actorId },
        update: { score: manual!.score, comment: manual!.comment, gradedById: actorId },
      }),
    ),
  ]);
  return { graded: given.length, cleared: cleared.length };
}

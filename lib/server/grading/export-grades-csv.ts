import "server-only";
import type { AssignmentActorRef } from "../assignments/load-assignment-for-staff.ts";
import { toCsv } from "../../domain/csv.ts";
import { describeCriterion } from "../../domain/rubric.ts";
import { loadAssignmentGrades } from "./load-assignment-grades.ts";

/**
 * The grade sheet of an assignment as CSV (lib/domain/csv.ts: RFC 4180 with a byte order mark, formula starts neutralised):
 * a header, then one row per assigned student — name, email, group, the points of each criterion
 * (the instructor's own criteria after the automatic ones, one column each, empty while not graded),
 * computed, override, final, comment. Instructors and TAs only.
 */
export async function exportGradesCsv({ actorId, courseId, assignmentId }: AssignmentActorRef): Promise<{ filename: string; csv: string }> {
  const { assignment, criteria, students } = await loadAssignmentGrades({ actorId, courseId, assignmentId });
  const header = [
    "Name",
    "Email",
    "Group",
    ...criteria.map((criterion) => `${describeCriterion(criterion)} (${criterion.points})`),
    "Computed",
    "Override",
    "Final",
    "Comment",
  ];
  const rows = students.map(({ student, grade }) => [
    student.name,
    student.email,
    student.groupName ?? "",
    ...grade.results.map((result) => (result.isGraded ? result.pointsEarned : null)),
    grade.computedScore,
    grade.override ? grade.override.score : null,
    grade.finalScore,
    grade.override?.comment ?? "",
  ]);
  const slug =
    assignment.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "assignment";
  return { filename: `grades-${slug}.csv`, csv: toCsv([header, ...rows]) };
}

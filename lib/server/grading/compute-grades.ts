import "server-only";
import { ASSESSED_VISIBILITIES } from "../../domain/assessed-posts.ts";
import { gradeStudent, type Criterion, type GradingPost, type StudentGrade } from "../../domain/grading.ts";
import type { ParagraphRange } from "../../domain/assigned-range.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import type { AssignedStudent } from "../assignments/list-assigned-students.ts";
import { assignedRangeWhere, loadAssignedRange } from "../assignments/assigned-range.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";

/** A post shown as evidence: enough to link to it in context and recognise it. */
export type GradeEvidence = {
  id: string;
  kind: GradingPost["kind"];
  paragraphPosition: number;
  excerpt: string;
  createdAt: Date;
};

export type GradeOverrideView = { score: number; comment: string; updatedAt: Date; gradedByName: string | null };

/** Who gave a hand score on a custom criterion, and when (the score and comment are in the grade's results). */
export type ManualScoreDetails = { gradedAt: Date; gradedByName: string | null };

export type StudentGradeView = {
  student: AssignedStudent;
  grade: StudentGrade;
  overrideDetails: GradeOverrideView | null;
  /** By custom criterion id: who graded it and when. */
  manualDetails: Record<string, ManualScoreDetails>;
  /** The posts named in the grade's evidence, by id. */
  evidence: Record<string, GradeEvidence>;
};

const EXCERPT_LENGTH = 140;

/**
 * Grades the given students of an assignment: their posts come from ONE query (through the
 * actor's permission scope, and only what the course's staff can read — assessed-posts.ts), the
 * overrides from one more, then lib/domain's gradeStudent decides each student in memory.
 * Callers have checked that the actor may see these students' grades.
 */
export async function computeGrades({
  actor,
  assignmentId,
  dueAt,
  criteria,
  students,
}: {
  actor: ActorContext;
  assignmentId: string;
  dueAt: Date | null;
  criteria: readonly Criterion[];
  students: readonly AssignedStudent[];
}): Promise<StudentGradeView[]> {
  if (students.length === 0) return [];
  // Posts on the assigned part only, when the assignment covers part of its reading.
  const range = await loadAssignedRange(assignmentId);
  const grades = await computeGradesOfAssignments({ actor, assignments: [{ assignmentId, dueAt, range, criteria, students }] });
  return grades.get(assignmentId) ?? [];
}

export type AssignmentToGrade = {
  assignmentId: string;
  dueAt: Date | null;
  /** The assigned part (null: the whole reading). */
  range: ParagraphRange | null;
  criteria: readonly Criterion[];
  students: readonly AssignedStudent[];
};

/**
 * computeGrades for many assignments at once (the LMS grade worker): the same three queries —
 * posts, overrides, hand scores — for all of them together, whatever their number. By assignment id.
 */
export async function computeGradesOfAssignments({
  actor,
  assignments,
}: {
  actor: ActorContext;
  assignments: readonly AssignmentToGrade[];
}): Promise<Map<string, StudentGradeView[]>> {
  const graded = assignments.filter((assignment) => assignment.students.length > 0);
  const result = new Map<string, StudentGradeView[]>(assignments.map((assignment) => [assignment.assignmentId, []]));
  if (graded.length === 0) return result;
  const db = getDb();
  const studentIds = [...new Set(graded.flatMap((assignment) => assignment.students.map((student) => student.id)))];
  const customIds = graded.flatMap((assignment) =>
    assignment.criteria.flatMap((criterion) => (criterion.kind === "CUSTOM" ? [criterion.id] : [])),
  );
  const [posts, overrides, manualScores] = await Promise.all([
    db.annotation.findMany({
      where: {
        AND: [
          annotationReadScope(actor),
          {
            OR: graded.map((assignment) => ({
              AND: [
                assignedRangeWhere(assignment.range),
                { assignmentId: assignment.assignmentId, authorId: { in: assignment.students.map((student) => student.id) } },
              ],
            })),
          },
          // Deleted posts earn nothing (gradeStudent says so too); not loading them saves the work.
          { visibility: { in: [...ASSESSED_VISIBILITIES] }, deletedAt: null },
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        assignmentId: true,
        authorId: true,
        createdAt: true,
        deletedAt: true,
        hiddenAt: true,
        isQuestion: true,
        bodyText: true,
        quoteExact: true,
        parent: { select: { authorId: true } },
        paragraph: { select: { position: true } },
      },
    }),
    db.gradeOverride.findMany({
      where: { assignmentId: { in: graded.map((assignment) => assignment.assignmentId) }, studentId: { in: studentIds } },
      select: {
        assignmentId: true,
        studentId: true,
        score: true,
        comment: true,
        updatedAt: true,
        gradedBy: { select: { name: true } },
      },
    }),
    customIds.length === 0
      ? []
      : db.rubricScore.findMany({
          where: { criterionId: { in: customIds }, studentId: { in: studentIds } },
          select: { criterionId: true, studentId: true, score: true, comment: true, gradedAt: true, gradedBy: { select: { name: true } } },
        }),
  ]);

  // Keyed by assignment and student (a custom criterion belongs to one assignment).
  const key = (assignmentId: string | null, studentId: string) => `${assignmentId}\u0000${studentId}`;
  const assignmentOfCriterion = new Map(
    graded.flatMap((assignment) =>
      assignment.criteria.flatMap((criterion) => (criterion.kind === "CUSTOM" ? [[criterion.id, assignment.assignmentId] as const] : [])),
    ),
  );
  const postsByStudent = new Map<string, typeof posts>();
  for (const post of posts) {
    const list = postsByStudent.get(key(post.assignmentId, post.authorId)) ?? [];
    list.push(post);
    postsByStudent.set(key(post.assignmentId, post.authorId), list);
  }
  const overrideByStudent = new Map(overrides.map((row) => [key(row.assignmentId, row.studentId), row]));
  const manualByStudent = new Map<string, typeof manualScores>();
  for (const row of manualScores) {
    const rowKey = key(assignmentOfCriterion.get(row.criterionId) ?? null, row.studentId);
    const list = manualByStudent.get(rowKey) ?? [];
    list.push(row);
    manualByStudent.set(rowKey, list);
  }

  for (const { assignmentId, dueAt, criteria, students } of graded) {
    result.set(
      assignmentId,
      students.map((student) => {
        const own = postsByStudent.get(key(assignmentId, student.id)) ?? [];
        const override = overrideByStudent.get(key(assignmentId, student.id));
        const manual = manualByStudent.get(key(assignmentId, student.id)) ?? [];
        const grade = gradeStudent({
          studentId: student.id,
          dueAt,
          criteria,
          override: override ? { score: override.score, comment: override.comment } : null,
          manualScores: Object.fromEntries(manual.map((row) => [row.criterionId, { score: row.score, comment: row.comment }])),
          posts: own.map((post) => ({
            id: post.id,
            kind: post.kind,
            createdAt: post.createdAt,
            deletedAt: post.deletedAt,
            hiddenAt: post.hiddenAt,
            isQuestion: post.isQuestion,
            parentAuthorId: post.parent?.authorId ?? null,
            text: post.bodyText ?? "",
          })),
        });
        const cited = new Set(grade.results.flatMap((result) => result.evidence));
        const evidence: Record<string, GradeEvidence> = {};
        for (const post of own) {
          if (!cited.has(post.id)) continue;
          evidence[post.id] = {
            id: post.id,
            kind: post.kind,
            paragraphPosition: post.paragraph.position,
            excerpt: shorten(post.bodyText?.trim() || post.quoteExact || ""),
            createdAt: post.createdAt,
          };
        }
        return {
          student,
          grade,
          overrideDetails: override
            ? {
                score: override.score,
                comment: override.comment,
                updatedAt: override.updatedAt,
                gradedByName: override.gradedBy?.name ?? null,
              }
            : null,
          manualDetails: Object.fromEntries(
            manual.map((row) => [row.criterionId, { gradedAt: row.gradedAt, gradedByName: row.gradedBy?.name ?? null }]),
          ),
          evidence,
        };
      }),
    );
  }
  return result;
}

function shorten(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

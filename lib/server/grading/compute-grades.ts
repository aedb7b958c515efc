import "server-only";
import { ASSESSED_VISIBILITIES } from "../../domain/assessed-posts.ts";
import { gradeStudent, type Criterion, type GradingPost, type StudentGrade } from "../../domain/grading.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import type { AssignedStudent } from "../assignments/list-assigned-students.ts";
import { assignedPagesWhere } from "../assignments/assigned-pages.ts";
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

export type StudentGradeView = {
  student: AssignedStudent;
  grade: StudentGrade;
  overrideDetails: GradeOverrideView | null;
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
  const db = getDb();
  const studentIds = students.map((student) => student.id);
  // Posts on the assigned pages only, when the assignment covers part of its reading.
  const pages = await db.assignment.findUnique({ where: { id: assignmentId }, select: { firstPage: true, lastPage: true } });
  const [posts, overrides] = await Promise.all([
    db.annotation.findMany({
      where: {
        AND: [
          annotationReadScope(actor),
          assignedPagesWhere(pages ?? { firstPage: null, lastPage: null }),
          // Deleted posts earn nothing (gradeStudent says so too); not loading them saves the work.
          { assignmentId, authorId: { in: studentIds }, visibility: { in: [...ASSESSED_VISIBILITIES] }, deletedAt: null },
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
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
      where: { assignmentId, studentId: { in: studentIds } },
      select: { studentId: true, score: true, comment: true, updatedAt: true, gradedBy: { select: { name: true } } },
    }),
  ]);

  const postsByStudent = new Map<string, typeof posts>();
  for (const post of posts) {
    const list = postsByStudent.get(post.authorId) ?? [];
    list.push(post);
    postsByStudent.set(post.authorId, list);
  }
  const overrideByStudent = new Map(overrides.map((row) => [row.studentId, row]));

  return students.map((student) => {
    const own = postsByStudent.get(student.id) ?? [];
    const override = overrideByStudent.get(student.id);
    const grade = gradeStudent({
      studentId: student.id,
      dueAt,
      criteria,
      override: override ? { score: override.score, comment: override.comment } : null,
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
        ? { score: override.score, comment: override.comment, updatedAt: override.updatedAt, gradedByName: override.gradedBy?.name ?? null }
        : null,
      evidence,
    };
  });
}

function shorten(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

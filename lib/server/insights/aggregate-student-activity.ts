import "server-only";
import { ASSESSED_VISIBILITIES } from "../../domain/assessed-posts.ts";
import type { StudentActivity } from "../../domain/student-activity.ts";
import type { AssignedStudent } from "../assignments/list-assigned-students.ts";
import { assignedRangeSql } from "../assignments/assigned-range.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { wordCountSql } from "./word-count-sql.ts";

/** What the query returns per author; the names and groups come from the roster. */
type ActivityRow = Omit<StudentActivity, "studentId" | "name" | "email" | "groupName" | "paragraphs"> & {
  authorId: string;
  paragraphs: number[] | null;
};

/**
 * One row per assigned student, from one GROUP BY over the assignment's posts: deleted posts do
 * not count; hidden ones do (the student wrote them; the heat map shows them apart, grading
 * ignores them); PRIVATE notes are the student's own and are not counted (assessed-posts.ts).
 * Students without any activity get a row of zeros. The caller has checked the actor is staff.
 */
export async function aggregateStudentActivity({
  assignmentId,
  dueAt,
  students,
}: {
  assignmentId: string;
  dueAt: Date | null;
  students: readonly AssignedStudent[];
}): Promise<StudentActivity[]> {
  if (students.length === 0) return [];
  // Stored times are UTC in "timestamp without time zone" columns: compare in UTC.
  const latePosts = dueAt
    ? Prisma.sql`count(*) FILTER (WHERE a."kind" <> 'HIGHLIGHT' AND a."createdAt" > (${dueAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'))::int`
    : Prisma.sql`0`;
  const rows = await getDb().$queryRaw<ActivityRow[]>`
    SELECT a."authorId",
      count(*) FILTER (WHERE a."kind" IN ('COMMENT', 'PARAGRAPH_POST'))::int AS "posts",
      count(*) FILTER (WHERE a."kind" = 'REPLY')::int AS "replies",
      count(*) FILTER (WHERE a."kind" = 'HIGHLIGHT')::int AS "highlights",
      count(*) FILTER (WHERE a."isQuestion" AND a."parentId" IS NULL AND a."kind" <> 'HIGHLIGHT')::int AS "questions",
      coalesce(sum(${wordCountSql(Prisma.sql`a."bodyText"`)}) FILTER (WHERE a."kind" <> 'HIGHLIGHT'), 0)::int AS "words",
      min(a."createdAt") AS "firstActivityAt",
      max(a."createdAt") AS "lastActivityAt",
      ${latePosts} AS "latePosts",
      array_agg(DISTINCT p."position" ORDER BY p."position") AS "paragraphs"
    FROM "Annotation" a
    JOIN "Paragraph" p ON p."id" = a."paragraphId"
    JOIN "Assignment" s ON s."id" = a."assignmentId"
    WHERE a."assignmentId" = ${assignmentId}
      AND ${assignedRangeSql("s", "p")}
      AND a."deletedAt" IS NULL
      AND a."authorId" = ANY(${students.map((student) => student.id)}::text[])
      AND a."visibility"::text = ANY(${[...ASSESSED_VISIBILITIES]}::text[])
    GROUP BY a."authorId"`;
  const byAuthor = new Map(rows.map((row) => [row.authorId, row]));
  return students.map((student) => {
    const row = byAuthor.get(student.id);
    return {
      studentId: student.id,
      name: student.name,
      email: student.email,
      groupName: student.groupName,
      posts: row?.posts ?? 0,
      replies: row?.replies ?? 0,
      highlights: row?.highlights ?? 0,
      questions: row?.questions ?? 0,
      words: row?.words ?? 0,
      firstActivityAt: row?.firstActivityAt ?? null,
      lastActivityAt: row?.lastActivityAt ?? null,
      latePosts: row?.latePosts ?? 0,
      paragraphs: row?.paragraphs ?? [],
    };
  });
}

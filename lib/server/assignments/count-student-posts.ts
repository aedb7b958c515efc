import "server-only";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { assignedRangeSql } from "./assigned-range.ts";

export type StudentPostCounts = { posts: number; postsOnTime: number };

/**
 * One student's posts in each assignment, and how many came at or before its due date, in one
 * aggregate. Posts are what grading counts: not highlights, not deleted, not hidden, and on the
 * assigned pages when the assignment covers part of its reading.
 */
export async function countStudentPosts(studentId: string, assignmentIds: readonly string[]): Promise<Map<string, StudentPostCounts>> {
  if (assignmentIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ assignmentId: string; posts: number; postsOnTime: number }[]>(Prisma.sql`
    SELECT a."assignmentId",
           count(*)::int AS "posts",
           count(*) FILTER (WHERE s."dueAt" IS NULL OR a."createdAt" <= s."dueAt")::int AS "postsOnTime"
      FROM "Annotation" a
      JOIN "Assignment" s ON s."id" = a."assignmentId"
      JOIN "Paragraph" p ON p."id" = a."paragraphId"
     WHERE a."authorId" = ${studentId}
       AND a."assignmentId" = ANY(${[...assignmentIds]})
       AND a."deletedAt" IS NULL
       AND a."hiddenAt" IS NULL
       AND a."kind" <> 'HIGHLIGHT'
       AND ${assignedRangeSql("s", "p")}
     GROUP BY a."assignmentId"`);
  return new Map(rows.map((row) => [row.assignmentId, { posts: row.posts, postsOnTime: row.postsOnTime }]));
}

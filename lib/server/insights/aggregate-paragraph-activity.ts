import "server-only";
import { ASSESSED_VISIBILITIES } from "../../domain/assessed-posts.ts";
import { assignedRangeSql } from "../assignments/assigned-range.ts";
import { getDb } from "../db.ts";

export type ParagraphActivity = {
  position: number;
  /** The paragraph's opening words, so the map reads as the text. */
  excerpt: string;
  /** Posts and replies (hidden ones included: they are counted again under `hidden`). */
  posts: number;
  highlights: number;
  /** Question threads with no reply marked as the answer (hidden questions are not open). */
  openQuestions: number;
  hidden: number;
};

export const EXCERPT_LENGTH = 160;

/**
 * The heat map: every current paragraph of the reading with its counts among the assigned
 * students' posts in the assignment, in one query (paragraphs without posts included). Deleted
 * posts do not count; PRIVATE notes are not assessed (assessed-posts.ts); an assignment of some
 * pages counts the posts on those pages only.
 */
export async function aggregateParagraphActivity({
  assignmentId,
  readingId,
  studentIds,
}: {
  assignmentId: string;
  readingId: string;
  studentIds: readonly string[];
}): Promise<ParagraphActivity[]> {
  return getDb().$queryRaw<ParagraphActivity[]>`
    WITH answered AS (
      SELECT DISTINCT r."rootId"
      FROM "Annotation" r
      WHERE r."assignmentId" = ${assignmentId} AND r."answerMarkedAt" IS NOT NULL AND r."deletedAt" IS NULL AND r."rootId" IS NOT NULL
    )
    SELECT p."position",
      left(p."text", ${EXCERPT_LENGTH}) AS "excerpt",
      count(a."id") FILTER (WHERE a."kind" <> 'HIGHLIGHT')::int AS "posts",
      count(a."id") FILTER (WHERE a."kind" = 'HIGHLIGHT')::int AS "highlights",
      count(a."id") FILTER (
        WHERE a."isQuestion" AND a."parentId" IS NULL AND a."kind" <> 'HIGHLIGHT' AND a."hiddenAt" IS NULL AND answered."rootId" IS NULL
      )::int AS "openQuestions",
      count(a."id") FILTER (WHERE a."hiddenAt" IS NOT NULL)::int AS "hidden"
    FROM "Paragraph" p
    JOIN "Assignment" s ON s."id" = ${assignmentId}
    LEFT JOIN "Annotation" a
      ON a."paragraphId" = p."id"
      AND a."assignmentId" = ${assignmentId}
      AND a."deletedAt" IS NULL
      AND a."authorId" = ANY(${[...studentIds]}::text[])
      AND a."visibility"::text = ANY(${[...ASSESSED_VISIBILITIES]}::text[])
      AND ${assignedRangeSql("s", "p")}
    LEFT JOIN answered ON answered."rootId" = a."id"
    WHERE p."readingId" = ${readingId} AND p."retiredInVersion" IS NULL
    GROUP BY p."id", p."position", p."text"
    ORDER BY p."position"`;
}

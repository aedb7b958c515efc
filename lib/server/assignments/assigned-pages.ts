import "server-only";
import { Prisma } from "../generated/prisma/client.ts";

// An assignment may cover pages firstPage..lastPage of its reading (a PDF). What is assessed —
// insights, the heat map, grading, the students' post counts — counts only the posts on
// paragraphs that start on those pages. Both forms of the one rule are here.

/** Posts on the assigned pages only (every post when the assignment covers the whole reading). */
export function assignedPagesWhere(assignment: { firstPage: number | null; lastPage: number | null }): Prisma.AnnotationWhereInput {
  if (assignment.firstPage === null || assignment.lastPage === null) return {};
  return { paragraph: { page: { gte: assignment.firstPage, lte: assignment.lastPage } } };
}

/**
 * The same in SQL: the paragraph (`paragraph` is its alias, e.g. "p") is on the pages of the
 * assignment `assignment` names (an alias of its row, e.g. "s").
 */
export function assignedPagesSql(assignment: string, paragraph: string): Prisma.Sql {
  const first = Prisma.raw(`"${assignment}"."firstPage"`);
  const last = Prisma.raw(`"${assignment}"."lastPage"`);
  const page = Prisma.raw(`"${paragraph}"."page"`);
  return Prisma.sql`(${first} IS NULL OR ${page} BETWEEN ${first} AND ${last})`;
}

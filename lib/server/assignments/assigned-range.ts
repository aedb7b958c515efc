import "server-only";
import type { ParagraphRange } from "../../domain/assigned-range.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";

// An assignment may cover part of its reading (#16.4): pages, sections or paragraphs, always saved
// as its first and last paragraph rows (Assignment.firstParagraphId, lastParagraphId). What is
// assessed — insights, the heat map, grading, the students' post counts — counts only the posts on
// the current paragraphs between them, by their positions now. Both forms of the one rule are here.

/** Posts on the assigned paragraphs only (every post when the assignment covers the whole reading). */
export function assignedRangeWhere(range: ParagraphRange | null): Prisma.AnnotationWhereInput {
  if (!range) return {};
  return { paragraph: { retiredInVersion: null, position: { gte: range.from, lte: range.to } } };
}

/** An assignment's range as positions now: null for the whole reading (or no such assignment). */
export async function loadAssignedRange(assignmentId: string): Promise<ParagraphRange | null> {
  const assignment = await getDb().assignment.findUnique({
    where: { id: assignmentId },
    select: { firstParagraph: { select: { position: true } }, lastParagraph: { select: { position: true } } },
  });
  return assignedRangeOf(assignment);
}

/** The positions of a range's boundary rows, as a query selected them. */
export function assignedRangeOf(
  assignment: { firstParagraph: { position: number } | null; lastParagraph: { position: number } | null } | null,
): ParagraphRange | null {
  if (!assignment?.firstParagraph || !assignment.lastParagraph) return null;
  return { from: assignment.firstParagraph.position, to: assignment.lastParagraph.position };
}

/** What to select of an assignment for assignedRangeOf. */
export const ASSIGNED_RANGE_SELECT = {
  firstParagraph: { select: { position: true } },
  lastParagraph: { select: { position: true } },
} as const satisfies Prisma.AssignmentSelect;

/**
 * The same in SQL: the paragraph (`paragraph` is its alias, e.g. "p") is inside the range of the
 * assignment `assignment` names (an alias of its row, e.g. "s").
 */
export function assignedRangeSql(assignment: string, paragraph: string): Prisma.Sql {
  const first = Prisma.raw(`"${assignment}"."firstParagraphId"`);
  const last = Prisma.raw(`"${assignment}"."lastParagraphId"`);
  const p = (column: string) => Prisma.raw(`"${paragraph}"."${column}"`);
  return Prisma.sql`(${first} IS NULL OR ${last} IS NULL OR (${p("retiredInVersion")} IS NULL AND ${p("position")} BETWEEN
    (SELECT r."position" FROM "Paragraph" r WHERE r."id" = ${first}) AND (SELECT r."position" FROM "Paragraph" r WHERE r."id" = ${last})))`;
}

import "server-only";
import type { RangeOptions } from "../../api/assignments.ts";
import { firstWords } from "../../domain/assigned-range.ts";
import { planReadingOutline } from "../../domain/reading-sections.ts";
import { requireCourseRole } from "../courses/course-access.ts";
import { getDb } from "../db.ts";
import { listOutlineParagraphs } from "../readings/load-reading-outline.ts";
import { requireAssignableReading } from "./assignment-rules.ts";

/** Characters of each paragraph read for its first words. */
const OPENING_CHARS = 120;

/**
 * What the assignment form offers to choose the assigned part of a reading: its pages, sections
 * and paragraphs as they are now. Only for those who may assign it in the course (not a member →
 * NOT_FOUND, may not assign → FORBIDDEN, a reading they may not assign → NOT_FOUND).
 */
export async function loadRangeOptions({
  actorId,
  courseId,
  readingId,
}: {
  actorId: string;
  courseId: string;
  readingId: string;
}): Promise<RangeOptions> {
  const db = getDb();
  await requireCourseRole({ actorId, courseId, permission: "manageAssignments" });
  await requireAssignableReading(db, actorId, readingId);
  const [reading, paragraphs] = await Promise.all([
    db.reading.findUniqueOrThrow({ where: { id: readingId }, select: { version: true } }),
    listOutlineParagraphs(db, readingId),
  ]);
  const { sections } = planReadingOutline(paragraphs);
  const pages = paragraphs.flatMap((paragraph) => (paragraph.page === null ? [] : [paragraph.page]));
  const lastPage = pages.length > 0 ? Math.max(...pages) : null;
  const openings =
    lastPage === null
      ? await db.$queryRaw<{ position: number; opening: string }[]>`
          SELECT "position", left("text", ${OPENING_CHARS}) AS "opening"
          FROM "Paragraph" WHERE "readingId" = ${readingId} AND "retiredInVersion" IS NULL ORDER BY "position"`
      : [];
  return {
    readingId,
    version: reading.version,
    lastPage,
    sections:
      sections.length > 1
        ? sections.map((section) => ({ number: section.number, title: section.title, from: section.from, to: section.to }))
        : [],
    paragraphs: openings.map((row) => ({ position: row.position, words: firstWords(row.opening) })),
  };
}

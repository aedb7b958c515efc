import "server-only";
import type { ReadingScope } from "../../domain/permissions.ts";
import { indexTextPositions, type TextPositions } from "../../domain/text-positions.ts";
import { AppError } from "../app-error.ts";
import { getDb } from "../db.ts";
import { listReadingAnnotations, type AnnotationPage } from "./list-reading-annotations.ts";

/** `positions` converts the page's stored offsets to the code points the JSON-LD counts. */
export type AnnotationContainer = { label: string; page: AnnotationPage; positions: TextPositions };

/**
 * A reading in one context as a Web Annotation container: its label and one page of the
 * thread-starting annotations the actor may see. A missing reading, a course the actor is not
 * in (listReadingAnnotations checks the context) or a page past the last is NOT_FOUND.
 */
export async function loadAnnotationContainer({
  actor,
  readingId,
  courseId,
  page,
  pageSize,
}: ReadingScope & {
  page: number;
  pageSize: number;
}): Promise<AnnotationContainer> {
  const db = getDb();
  const [reading, annotations] = await Promise.all([
    db.reading.findUnique({ where: { id: readingId }, select: { title: true, canonicalText: true } }),
    listReadingAnnotations({ actor, readingId, courseId, page, pageSize, members: "container" }),
  ]);
  if (!reading) throw new AppError("NOT_FOUND", "Reading not found.");
  const lastPage = Math.max(1, Math.ceil(annotations.total / annotations.pageSize));
  if (page > lastPage) throw new AppError("NOT_FOUND", `There is no page ${page}; the last is ${lastPage}.`);
  const course = courseId === null ? null : await db.course.findUnique({ where: { id: courseId }, select: { title: true } });
  const label = course ? `Annotations on “${reading.title}” in ${course.title}` : `My notes on “${reading.title}”`;
  return { label, page: annotations, positions: indexTextPositions(reading.canonicalText) };
}

import "server-only";
import { ANNOTATION_PAGE_SIZE_MAX } from "../../domain/annotation-input.ts";
import type { ReadingScope } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";
import { loadAnnotationContext, type AnnotationContext } from "./load-annotation-context.ts";
import { findAnnotationRowsInOrder, presentAnnotation, type AnnotationRow, type AnnotationView } from "./present-annotation.ts";

export type AnnotationPage = { items: AnnotationView[]; total: number; page: number; pageSize: number };

/** Document order: by paragraph, then by where the range starts (paragraph posts first). */
export const documentOrder: Prisma.AnnotationOrderByWithRelationInput[] = [
  { paragraph: { position: "asc" } },
  { startOffset: { sort: "asc", nulls: "first" } },
  { createdAt: "asc" },
  { id: "asc" },
];

/**
 * One page of the thread-starting annotations (highlights, comments, paragraph posts; not
 * replies) of a reading in one context — a course, or the actor's own notes (courseId null) —
 * limited to what the actor may see. Two queries: the page and the total; one (the page) with
 * `total: "skip"`, for a caller that knows the total (the reading page: its layers count it) and
 * sets it itself (`total` is then -1).
 */
export async function listReadingAnnotations({
  actor,
  readingId,
  courseId,
  page = 1,
  pageSize = 50,
  ids,
  paragraphRange,
  members = "threads",
  paragraphIds,
  context,
  total: totalMode = "count",
}: ReadingScope & {
  page?: number;
  pageSize?: number;
  /** Only these annotations (still within the scope): a post just made, wherever it sorts. */
  ids?: readonly string[];
  /** Only posts on paragraphs from..to (one section of a long reading). */
  paragraphRange?: { from: number; to: number };
  /**
   * "threads" (the page's list): thread-starting posts, deleted placeholders included;
   * "container" (Web Annotation Protocol): every annotation in the context, replies too, none deleted.
   */
  members?: "threads" | "container";
  /** Only posts on these paragraphs (where the caller knows the page lies). */
  paragraphIds?: readonly string[];
  /** The context loadAnnotationContext returned for this actor, reading and course, when the caller has it. */
  context?: AnnotationContext;
  total?: "count" | "skip";
}): Promise<AnnotationPage> {
  if (!context || context.courseId !== courseId) await loadAnnotationContext(actor, readingId, courseId);
  const where: Prisma.AnnotationWhereInput = {
    AND: [
      annotationReadScope(actor),
      members === "threads" ? { readingId, courseId, parentId: null } : { readingId, courseId, deletedAt: null },
      ...(ids ? [{ id: { in: [...ids] } }] : []),
      ...(paragraphRange ? [{ paragraph: { position: { gte: paragraphRange.from, lte: paragraphRange.to } } }] : []),
      ...(paragraphIds ? [{ paragraphId: { in: [...paragraphIds] } }] : []),
    ],
  };
  const size = Math.min(Math.max(pageSize, 1), ANNOTATION_PAGE_SIZE_MAX);
  const [rows, total] = await Promise.all([
    listPage(where, (page - 1) * size, size),
    totalMode === "count" ? getDb().annotation.count({ where }) : Promise.resolve(-1),
  ]);
  return { items: rows.map((row) => presentAnnotation(actor, row)), total, page, pageSize: size };
}

/**
 * The page's rows in document order, in two statements: the page's ids first (a sort of narrow
 * rows), then the views of those ids only. In one statement PostgreSQL joins each candidate row's
 * author, paragraph, parent and reaction count before it sorts and cuts the page: on a busy reading
 * the margin's first page joined ~650 rows for 50 (#12).
 */
async function listPage(where: Prisma.AnnotationWhereInput, skip: number, take: number): Promise<AnnotationRow[]> {
  const ids = await getDb().annotation.findMany({ where, orderBy: documentOrder, skip, take, select: { id: true } });
  // Scoped again: what changed between the two statements is left out rather than shown.
  return findAnnotationRowsInOrder(
    where,
    ids.map((row) => row.id),
  );
}

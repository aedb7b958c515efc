import "server-only";
import { isStaffRole, type ActorContext } from "../../domain/permissions.ts";
import { presentAnnotation, annotationViewSelect } from "../annotations/present-annotation.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";

export type OrphanedAnnotation = {
  id: string;
  kind: "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST";
  authorName: string;
  isMine: boolean;
  /** "My notes" or the course's title. */
  contextLabel: string;
  /** The words it was attached to, as they were (null for a paragraph post, or content the actor may not read). */
  quote: string | null;
  /** For a paragraph post: the paragraph it was on, as it was. */
  formerParagraph: { position: number; text: string } | null;
  bodyHtml: string | null;
  isHidden: boolean;
  createdAt: string;
};

export const ORPHAN_PAGE_SIZE = 50;

/**
 * The thread-starting annotations of a reading that an edit of its text left without a place
 * (anchorStatus ORPHAN), for their authors and for the staff of their course: the read scope of
 * the permission core, narrowed to the actor's own orphans and those of courses they teach or
 * assist. Oldest first; the first ORPHAN_PAGE_SIZE and the total.
 */
export async function listOrphanedAnnotations({
  actor,
  readingId,
  take = ORPHAN_PAGE_SIZE,
}: {
  actor: ActorContext;
  readingId: string;
  take?: number;
}): Promise<{ items: OrphanedAnnotation[]; total: number }> {
  const staffCourseIds = actor.memberships.filter((membership) => isStaffRole(membership.role)).map((membership) => membership.courseId);
  const where: Prisma.AnnotationWhereInput = {
    AND: [
      annotationReadScope(actor),
      { readingId, anchorStatus: "ORPHAN", parentId: null, deletedAt: null },
      { OR: [{ authorId: actor.userId }, { courseId: { in: staffCourseIds } }] },
    ],
  };
  const db = getDb();
  const rows = await db.annotation.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: {
      ...annotationViewSelect,
      paragraph: { select: { position: true, text: true } },
      course: { select: { title: true } },
    },
  });
  // A page that is not full is the whole list (the usual case: none): counted only beyond it.
  const total = rows.length < take ? rows.length : await db.annotation.count({ where });
  const items = rows.map((row): OrphanedAnnotation => {
    const view = presentAnnotation(actor, row);
    return {
      id: view.id,
      kind: view.kind as OrphanedAnnotation["kind"],
      authorName: view.author.name,
      isMine: row.authorId === actor.userId,
      contextLabel: row.course?.title ?? "My notes",
      quote: view.target?.exact ?? null,
      formerParagraph:
        view.kind === "PARAGRAPH_POST" && view.bodyHtml !== null ? { position: row.paragraph.position, text: row.paragraph.text } : null,
      bodyHtml: view.bodyHtml,
      isHidden: view.isHidden,
      createdAt: view.createdAt,
    };
  });
  return { items, total };
}

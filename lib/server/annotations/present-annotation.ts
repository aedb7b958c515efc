import "server-only";
import { ANNOTATION_COLORS, type AnnotationColor } from "../../domain/annotation-input.ts";
import {
  canDeleteAnnotation,
  canEditAnnotation,
  canModerateAnnotation,
  canReadAnnotationContent,
  isCourseStaff,
  type ActorContext,
} from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** The columns every annotation view needs, selected once here. */
export const annotationViewSelect = {
  id: true,
  kind: true,
  authorId: true,
  readingId: true,
  courseId: true,
  assignmentId: true,
  paragraphId: true,
  groupId: true,
  visibility: true,
  parentId: true,
  rootId: true,
  startOffset: true,
  endOffset: true,
  quoteExact: true,
  quotePrefix: true,
  quoteSuffix: true,
  anchorStatus: true,
  color: true,
  tags: true,
  canonicalIri: true,
  viaIris: true,
  sourceCreatedAt: true,
  bodyLanguage: true,
  bodyHtml: true,
  bodyText: true,
  body: true,
  isQuestion: true,
  mentionedUserIds: true,
  hiddenAt: true,
  hiddenReason: true,
  pinnedAt: true,
  endorsedAt: true,
  answerMarkedAt: true,
  deletedAt: true,
  createdAt: true,
  editedAt: true,
  author: { select: { id: true, name: true } },
  paragraph: { select: { position: true } },
  parent: { select: { deletedAt: true, author: { select: { name: true } } } },
  _count: { select: { reactions: true } },
} satisfies Prisma.AnnotationSelect;

export type AnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof annotationViewSelect }>;

const { author: _author, paragraph: _paragraph, parent: _parent, _count: _reactions, ...annotationColumns } = annotationViewSelect;

/**
 * The view's own columns, without its relations: what an INSERT … RETURNING gives back in the
 * same round trip (a create that selects relations is an INSERT and then a SELECT).
 */
export const annotationColumnsSelect = annotationColumns satisfies Prisma.AnnotationSelect;

/**
 * A row just inserted, with the relations its creator already knows: the author (the actor), the
 * paragraph's position, the parent (null for a root), and no reactions yet.
 */
export function newAnnotationRow(
  columns: Prisma.AnnotationGetPayload<{ select: typeof annotationColumnsSelect }>,
  relations: { author: { id: string; name: string }; paragraphPosition: number; parent: AnnotationRow["parent"] },
): AnnotationRow {
  return {
    ...columns,
    author: relations.author,
    paragraph: { position: relations.paragraphPosition },
    parent: relations.parent,
    _count: { reactions: 0 },
  };
}

export type AnnotationView = {
  id: string;
  kind: AnnotationRow["kind"];
  author: { id: string; name: string };
  readingId: string;
  courseId: string | null;
  groupId: string | null;
  visibility: AnnotationRow["visibility"];
  paragraphPosition: number;
  parentId: string | null;
  rootId: string | null;
  /** Whom a reply answers (shown when the thread is too deep to indent further). */
  parentAuthorName: string | null;
  target: { start: number; end: number; exact: string; prefix: string; suffix: string } | null;
  isOrphan: boolean;
  color: AnnotationColor | null;
  tags: string[];
  /** Server-generated HTML from the validated tiptap document; null when the actor may not read it. */
  bodyHtml: string | null;
  bodyText: string | null;
  /** The tiptap document, for the author's editor only. */
  body: unknown;
  isHidden: boolean;
  /** The moderator's reason, for the author and staff. */
  hiddenReason: string | null;
  isDeleted: boolean;
  /** What a Web Annotation client said of the annotation's origin; null when it said nothing. */
  provenance: AnnotationProvenance | null;
  isEdited: boolean;
  isQuestion: boolean;
  isPinned: boolean;
  isEndorsed: boolean;
  isAnswer: boolean;
  upvoteCount: number;
  /** Filled in where the actor's own reactions were loaded (thread views). */
  hasUpvoted: boolean;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
  canModerate: boolean;
};

/** Web Annotation provenance kept from a client: canonical IRI, via IRIs, its created time, its comment's language. */
export type AnnotationProvenance = { canonical: string | null; via: string[]; created: string | null; language: string | null };

function provenanceOf(row: AnnotationRow): AnnotationProvenance | null {
  if (row.canonicalIri === null && row.viaIris.length === 0 && row.sourceCreatedAt === null && row.bodyLanguage === null) return null;
  return { canonical: row.canonicalIri, via: row.viaIris, created: row.sourceCreatedAt?.toISOString() ?? null, language: row.bodyLanguage };
}

/** The provenance columns of a new annotation. */
export function provenanceData(provenance: AnnotationProvenance | null) {
  return {
    canonicalIri: provenance?.canonical ?? null,
    viaIris: provenance?.via ?? [],
    sourceCreatedAt: provenance?.created ? new Date(provenance.created) : null,
    bodyLanguage: provenance?.language ?? null,
  };
}

/** Who wrote a deleted post, as everyone sees it. */
const DELETED_AUTHOR = { id: "", name: "Deleted" } as const;

/**
 * What one actor may see of a row already scoped by annotationReadScope: content is blanked for
 * a hidden post (unless author or staff) and for a deleted one, but the placeholder stays.
 */
export function presentAnnotation(actor: ActorContext, row: AnnotationRow): AnnotationView {
  const isContentReadable = canReadAnnotationContent(actor, row);
  const isAuthor = row.authorId === actor.userId;
  return {
    id: row.id,
    kind: row.kind,
    author: row.deletedAt ? DELETED_AUTHOR : row.author,
    readingId: row.readingId,
    courseId: row.courseId,
    groupId: row.groupId,
    visibility: row.visibility,
    paragraphPosition: row.paragraph.position,
    parentId: row.parentId,
    rootId: row.rootId,
    // A deleted post's author is gone from it, from its replies too.
    parentAuthorName: row.parent ? (row.parent.deletedAt ? DELETED_AUTHOR.name : row.parent.author.name) : null,
    target:
      isContentReadable && row.startOffset !== null && row.endOffset !== null
        ? {
            start: row.startOffset,
            end: row.endOffset,
            exact: row.quoteExact ?? "",
            prefix: row.quotePrefix ?? "",
            suffix: row.quoteSuffix ?? "",
          }
        : null,
    isOrphan: row.anchorStatus === "ORPHAN",
    // Stored from the same list; anything else (never written by Scholia) shows as no colour.
    color: ANNOTATION_COLORS.find((color) => color === row.color) ?? null,
    tags: isContentReadable ? row.tags : [],
    bodyHtml: isContentReadable ? row.bodyHtml : null,
    bodyText: isContentReadable ? row.bodyText : null,
    body: isContentReadable && isAuthor ? row.body : null,
    isHidden: row.hiddenAt !== null,
    hiddenReason: row.hiddenAt !== null && isContentReadable ? row.hiddenReason : null,
    isDeleted: row.deletedAt !== null,
    provenance: provenanceOf(row),
    isEdited: row.editedAt !== null,
    isQuestion: row.isQuestion,
    isPinned: row.pinnedAt !== null,
    isEndorsed: row.endorsedAt !== null,
    isAnswer: row.answerMarkedAt !== null,
    upvoteCount: row._count.reactions,
    hasUpvoted: false,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    canEdit: canEditAnnotation(actor, row),
    canDelete: canDeleteAnnotation(actor, row),
    canModerate: canModerateAnnotation(actor, row),
  };
}

/**
 * For a row the actor may read (canReadAnnotation), everything presentAnnotation decides depends
 * only on whether the actor wrote it and whether they are staff of its course: actors with the
 * same key get the same view. The live channel presents an event once per key, not once per
 * reader.
 */
export function presentationKey(actor: ActorContext, row: AnnotationRow): string {
  return `${row.authorId === actor.userId ? "author" : "reader"}:${isCourseStaff(actor, row.courseId) ? "staff" : "member"}`;
}

/**
 * The views of the rows `ids` names that `where` still allows, in the order of `ids`: the second
 * half of reading a page as its ids first (a sort of narrow rows) and then only the page's views,
 * so PostgreSQL does not join the author, parent and reactions of rows it then skips (#12).
 */
export async function findAnnotationRowsInOrder(where: Prisma.AnnotationWhereInput, ids: readonly string[]): Promise<AnnotationRow[]> {
  if (ids.length === 0) return [];
  const rows = await getDb().annotation.findMany({ where: { AND: [where, { id: { in: [...ids] } }] }, select: annotationViewSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A new post's author: the session's name when the caller has it, else read. */
export async function authorOf(actorId: string, actorName: string | undefined): Promise<{ id: string; name: string }> {
  if (actorName !== undefined) return { id: actorId, name: actorName };
  const { name } = await getDb().user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } });
  return { id: actorId, name };
}

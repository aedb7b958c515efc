import "server-only";
import { ASSESSED_VISIBILITIES } from "../../domain/assessed-posts.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";
import { annotationReadScope } from "../permissions/annotation-scope.ts";

export type UnansweredQuestion = {
  id: string;
  authorName: string;
  paragraphPosition: number;
  /** The question's text, shortened; for a comment on a passage with no text, the passage. */
  excerpt: string;
  createdAt: Date;
  replyCount: number;
};

export const UNANSWERED_PAGE_SIZE = 50;
const EXCERPT_LENGTH = 200;

/**
 * The assigned students' questions in the assignment that no reply answers yet (no reply marked
 * as the answer), oldest first — the ones waiting longest — one page at a time. Hidden and
 * deleted questions are not waiting for an answer. Read through the permission scope.
 */
export async function listUnansweredQuestions({
  actor,
  assignmentId,
  studentIds,
  page = 1,
}: {
  actor: ActorContext;
  assignmentId: string;
  studentIds: readonly string[];
  page?: number;
}): Promise<{ total: number; items: UnansweredQuestion[] }> {
  const db = getDb();
  const scope = annotationReadScope(actor);
  const answered = await db.annotation.findMany({
    where: { AND: [scope, { assignmentId, answerMarkedAt: { not: null }, deletedAt: null, rootId: { not: null } }] },
    distinct: ["rootId"],
    select: { rootId: true },
  });
  const where = {
    AND: [
      scope,
      {
        assignmentId,
        parentId: null,
        isQuestion: true,
        kind: { not: "HIGHLIGHT" as const },
        deletedAt: null,
        hiddenAt: null,
        authorId: { in: [...studentIds] },
        visibility: { in: [...ASSESSED_VISIBILITIES] },
        id: { notIn: answered.map((row) => row.rootId!) },
      },
    ],
  };
  const [total, rows] = await Promise.all([
    db.annotation.count({ where }),
    db.annotation.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: UNANSWERED_PAGE_SIZE,
      skip: (page - 1) * UNANSWERED_PAGE_SIZE,
      select: {
        id: true,
        bodyText: true,
        quoteExact: true,
        createdAt: true,
        author: { select: { name: true } },
        paragraph: { select: { position: true } },
        _count: { select: { replies: { where: { deletedAt: null } } } },
      },
    }),
  ]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      authorName: row.author.name,
      paragraphPosition: row.paragraph.position,
      excerpt: shorten(row.bodyText?.trim() || row.quoteExact || ""),
      createdAt: row.createdAt,
      replyCount: row._count.replies,
    })),
  };
}

function shorten(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}
